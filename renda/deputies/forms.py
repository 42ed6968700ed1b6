"""Forms of the deputies' pages. They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads, char_field, choice_field, date_field
from renda.core.views import field_messages
from renda.people.models import Deputy, Organization, Person
from renda.people.selectors import current_term, sc_memberships

from .models import (
    Contact,
    DutyActivity,
    LiaisonStation,
    QualificationMatter,
    Reception,
    Suspension,
    TrainingCourse,
)

G = QualificationMatter.Ground


class DeputyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Deputy) -> str:
        return obj.person.name


def _deputy_field(statuses) -> DeputyChoiceField:
    label = _("代表")
    field = DeputyChoiceField(
        queryset=Deputy.objects.none(),
        label=label,
        empty_label="—",
        error_messages=field_messages(label),
        help_text=_("本届在任代表，按姓名排序。"),
    )
    field.statuses = statuses
    return field


def _seated_deputies(statuses):
    term = current_term()
    return (
        Deputy.objects.filter(term=term, status__in=statuses)
        .select_related("person")
        .order_by("person__name", "id")
    )


class MatterFilterForm(forms.Form):
    status = choice_field(
        _("状态"), QualificationMatter.Status.choices, required=False, blank=_("全部")
    )


class SuspensionFilterForm(forms.Form):
    status = choice_field(_("状态"), Suspension.Status.choices, required=False, blank=_("全部"))


class MatterOpenForm(forms.Form):
    deputy = _deputy_field((Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED))
    ground = choice_field(
        _("事由"), [(v, label) for v, label in G.choices if v != G.ABSENCES], blank="—"
    )
    facts = char_field(
        _("事实和依据"),
        2000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "写明事实、时间和证明材料，最多2000字。未经批准不出席会议的事项由平台依据出席记录自动提出，无需在此填写。"
        ),
    )
    raised_on = date_field(_("提出日期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = _seated_deputies(self.fields["deputy"].statuses)
        self.fields["raised_on"].help_text = _("不填为今天。")


class ReportForm(forms.Form):
    report = char_field(
        _("资格审查委员会的报告"),
        4000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("资格审查委员会向常务委员会提出的审查报告，最多4000字。"),
    )
    reported_on = date_field(_("报告日期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].help_text = _("不填为今天；不能早于事项提出日期。")


class AnnounceForm(forms.Form):
    announcement = char_field(
        _("公告"),
        2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("不填则按规范文本生成。公告后代表资格终止，公告在公众网站发布，不能撤回。"),
    )
    announced_on = date_field(_("公告日期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["announced_on"].help_text = _("不填为今天；不能早于报告日期。")


class DismissForm(forms.Form):
    note = char_field(
        _("理由"),
        300,
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("经审查不终止代表资格的理由，最多300字。"),
    )


class SuspensionStartForm(forms.Form):
    deputy = _deputy_field((Deputy.Status.ACTIVE,))
    ground = choice_field(_("情形"), Suspension.Ground.choices, blank="—")
    facts = char_field(
        _("情况说明"),
        300,
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("羁押或判决的机关、文书和日期，最多300字。"),
    )
    starts_on = date_field(_("暂停开始日期"), required=False)
    ends_on = date_field(_("情形消失日期"), required=False)
    end_basis = char_field(_("情形消失依据"), 200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = _seated_deputies(self.fields["deputy"].statuses)
        self.fields["starts_on"].help_text = _("不填为今天。")
        self.fields["ends_on"].help_text = _(
            "已知时填写（释放、刑满等）；到日自动恢复执行代表职务，不能早于开始日期。"
        )
        self.fields["end_basis"].help_text = _("如释放证明、判决书，最多200字。")


class SuspensionEndForm(forms.Form):
    ends_on = date_field(_("情形消失日期"))
    end_basis = char_field(_("情形消失依据"), 200, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].help_text = _(
            "到日自动恢复执行代表职务；今天或以前的日期立即恢复。不能早于暂停开始日期。"
        )
        self.fields["end_basis"].help_text = _("如释放证明、判决书，最多200字。")


class ActivityForm(KeepsUploads, forms.Form):
    kind = choice_field(_("类别"), DutyActivity.Kind.choices, blank="—")
    held_on = date_field(_("日期"))
    title = char_field(_("活动名称"), 120, required=True)
    description = char_field(
        _("情况"), 2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("最多2000字。")
    )
    evidence = forms.FileField(
        label=_("证明材料"),
        required=False,
        help_text=_("PDF、Word（docx）或 OFD，如活动通知、记录或照片汇编。"),
        error_messages=field_messages(_("证明材料")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].help_text = _("任期内、不晚于今天。")


class ReviewForm(forms.Form):
    note = char_field(_("审核意见"), 200, help_text=_("不予计入时必填，代表可以看到，最多200字。"))


class RecordFilterForm(forms.Form):
    delegation = forms.ModelChoiceField(
        label=_("代表团"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("全部"),
        error_messages=field_messages(_("代表团")),
    )
    year = forms.TypedChoiceField(
        label=_("期间"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(self, *args, years=(), delegations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = delegations
        self.fields["year"].choices = [("", _("本届任期")), *[(y, str(y)) for y in years]]


# -- training (S24) ------------------------------------------------------------------------


class DeputiesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Deputy) -> str:
        return obj.person.name


def deputies_field(label, help_text) -> DeputiesField:
    field = DeputiesField(
        queryset=Deputy.objects.none(),
        label=label,
        required=False,
        error_messages=field_messages(label),
        help_text=help_text,
    )
    field.filterable = True
    return field


class CourseForm(forms.Form):
    title = char_field(_("培训名称"), 120, required=True)
    topic = char_field(_("主题"), 200, required=True, help_text=_("如宪法和代表法、预算审查监督。"))
    organiser = char_field(_("组织单位"), 100, required=True)
    place = char_field(_("地点"), 120, required=True)
    starts_on = date_field(_("开始日期"))
    ends_on = date_field(_("结束日期"))
    capacity = forms.IntegerField(
        label=_("名额"),
        required=False,
        min_value=1,
        max_value=5000,
        error_messages=field_messages(_("名额")),
        help_text=_("不填为不限；代表报名以名额为限。"),
    )
    description = char_field(
        _("安排"),
        4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("日程、课程和注意事项，代表报名时可以看到，最多4000字。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].help_text = _("一期培训不超过60天，日期在本届任期内。")


class EnrolForm(forms.Form):
    delegation = forms.ModelChoiceField(
        label=_("整个代表团"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label="—",
        error_messages=field_messages(_("代表团")),
        help_text=_("选择后该团在任代表全部报名，可与下面的名单同时使用。"),
    )
    untrained = forms.BooleanField(
        label=_("本届尚未完成培训的代表"), required=False, help_text=_("按本届培训次数要求计算。")
    )
    deputies = deputies_field(_("代表"), _("本届在任代表，可输入姓名筛选。"))

    def __init__(self, *args, term=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = Organization.objects.filter(
            kind=Organization.Kind.DELEGATION
        ).order_by("sort_order", "id")
        self.fields["deputies"].queryset = (
            Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
            .select_related("person")
            .order_by("person__name", "id")
        )


class AttendanceForm(forms.Form):
    deputies = deputies_field(
        _("已参训的代表"), _("按纸质签到表勾选；已签到的不必再选。可输入姓名筛选。")
    )

    def __init__(self, *args, course: TrainingCourse | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if course is not None:
            self.fields["deputies"].queryset = (
                Deputy.objects.filter(term_id=course.term_id, status=Deputy.Status.ACTIVE)
                .exclude(trainings__course=course, trainings__status="attended")
                .select_related("person")
                .order_by("person__name", "id")
            )


class CancelForm(forms.Form):
    reason = char_field(
        _("取消原因"),
        200,
        required=True,
        help_text=_("已报名的代表可以看到，最多200字。有代表签到后不能取消。"),
    )


class SignInForm(forms.Form):
    code = char_field(
        _("签到码"),
        8,
        required=True,
        help_text=_("现场公布的6位签到码，培训期间有效。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )


class CourseFilterForm(forms.Form):
    status = choice_field(_("状态"), TrainingCourse.Status.choices, required=False, blank=_("全部"))


# -- liaison stations and 双联系 (S23, S25, §2.9) ------------------------------------------


def time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        error_messages=field_messages(label),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


def _serving(term=None):
    term = term or current_term()
    return (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .select_related("person")
        .order_by("person__name", "id")
    )


class StationForm(forms.Form):
    name = char_field(_("名称"), 80, required=True, help_text=_("如清河街道代表联络站。"))
    kind = choice_field(_("类型"), LiaisonStation.Kind.choices)
    area = char_field(_("所在街道或乡镇"), 60, required=True)
    address = char_field(_("地址"), 200, required=True)
    phone = char_field(
        _("联系电话"), 30, help_text=_("联络站的值班电话，在公众网站公布；不要填代表本人的电话。")
    )
    hours = char_field(_("开放时间"), 120, help_text=_("如每周二、周四上午。"))
    description = char_field(
        _("简介"), 2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("最多2000字。")
    )


class StationEditForm(StationForm):
    active = forms.BooleanField(
        label=_("开放中"),
        required=False,
        help_text=_("停用后不再在公众网站列出；已安排的接待日须先记录或取消。"),
    )


class StationCreateForm(StationForm):
    deputies = deputies_field(_("进站代表"), _("本届在任代表，可输入姓名筛选；以后可以调整。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = _serving()


class AssignForm(forms.Form):
    deputies = deputies_field(_("进站代表"), _("勾选后保存即为该站的全部进站代表。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = _serving()


class ReceptionForm(forms.Form):
    on_date = date_field(_("接待日期"))
    starts_at = time_field(_("开始时间"))
    ends_at = time_field(_("结束时间"))
    theme = char_field(_("接待主题"), 120, help_text=_("可不填，如听取对老旧小区改造的意见。"))
    deputies = deputies_field(_("接待代表"), _("本站代表排在前面；也可以选其他在任代表。"))

    def __init__(self, *args, station: LiaisonStation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].help_text = _("今天或以后，在本届任期内；安排后即在公众网站公布。")
        qs = _serving()
        if station is not None:
            from django.db.models import Case, IntegerField, Value, When

            attached = list(station.deputies.values_list("pk", flat=True))
            qs = qs.annotate(
                here=Case(
                    When(pk__in=attached, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("here", "person__name", "id")
        self.fields["deputies"].queryset = qs


class ReceptionRecordForm(forms.Form):
    received_by = deputies_field(_("实际接待的代表"), _("计入代表履职档案。"))
    visitors = forms.IntegerField(
        label=_("接待群众人数"),
        min_value=0,
        max_value=10000,
        error_messages=field_messages(_("接待群众人数")),
    )
    matters = forms.IntegerField(
        label=_("反映问题件数"),
        min_value=0,
        max_value=10000,
        required=False,
        error_messages=field_messages(_("反映问题件数")),
    )
    summary = char_field(
        _("接待情况"),
        4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("群众反映的主要问题和处理意见，有群众来访时必填；不在公众网站公布。"),
    )

    def __init__(self, *args, reception: Reception | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = _serving()
        if reception is not None:
            scheduled = list(reception.deputies.values_list("pk", flat=True))
            qs = Deputy.objects.filter(pk__in=scheduled).select_related("person") | qs
            qs = qs.select_related("person").order_by("person__name", "id").distinct()
            if not self.is_bound:
                self.initial["received_by"] = scheduled
        self.fields["received_by"].queryset = qs


class ReasonForm(forms.Form):
    reason = char_field(
        _("取消原因"), 200, required=True, help_text=_("在公众网站公布，最多200字。")
    )


class StrikeForm(forms.Form):
    reason = char_field(
        _("撤销原因"), 200, required=True, help_text=_("如重复登记；记录保留，不再计数。")
    )


class ContactForm(forms.Form):
    """A contact recorded by its owner: a deputy's with voters, or a member's with deputies."""

    on_date = date_field(_("日期"))
    way = choice_field(_("方式"), Contact.Way.choices)
    place = char_field(_("地点"), 120)
    voters = forms.IntegerField(
        label=_("联系群众人数"),
        min_value=1,
        max_value=100000,
        required=False,
        error_messages=field_messages(_("联系群众人数")),
    )
    deputies = deputies_field(_("联系的代表"), _("本届在任代表，可输入姓名筛选。"))
    summary = char_field(
        _("联系情况和反映的意见"),
        4000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("最多4000字；只有本人、常委会组成人员和办公室可以看到。"),
    )
    follow_up = char_field(
        _("意见处理情况"),
        4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("可以以后补充。"),
    )

    def __init__(self, *args, kind: str = Contact.Kind.DEPUTY_VOTER, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].help_text = _("不晚于今天。")
        if kind == Contact.Kind.DEPUTY_VOTER:
            del self.fields["deputies"]
            self.fields["voters"].required = True
            return
        if kind == Contact.Kind.SC_DEPUTY:
            del self.fields["voters"]
        self.fields["deputies"].queryset = _serving()


class OfficeContactForm(ContactForm):
    """The office records for someone: which kind, and whose."""

    kind = choice_field(_("类型"), Contact.Kind.choices)
    person = forms.ModelChoiceField(
        label=_("联系人"),
        queryset=Person.objects.none(),
        error_messages=field_messages(_("联系人")),
        help_text=_("常委会组成人员或本届在任代表。"),
    )
    field_order = ["kind", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kind="both", **kwargs)
        self.fields["voters"].required = False
        self.fields["voters"].help_text = _("代表联系群众时必填。")
        self.fields["deputies"].help_text = _("常委会组成人员联系代表时必填。")
        self.fields["person"].queryset = contact_people()


def contact_people():
    """Who may have contacts recorded: today's SC members and the term's serving deputies."""
    from django.db.models import Q

    members = sc_memberships(timezone.localdate()).values("person_id")
    serving = Q(mandates__term=current_term(), mandates__status=Deputy.Status.ACTIVE)
    return Person.objects.filter(Q(pk__in=members) | serving).distinct().order_by("name", "id")


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("季度"), required=False, choices=())

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = choices
