"""Forms of the meeting pages. They parse input; the services re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads
from renda.core.forms import char_field as _char
from renda.core.forms import choice_field as _choice
from renda.core.forms import date_field as _date
from renda.core.forms import model_choice_field as _model_choice
from renda.core.views import field_messages
from renda.people.models import Person, Post, Term

from .models import AgendaItem, AttendeePoolEntry, Meeting, MeetingDocument


class MeetingFilterForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("会议名称、地点")}),
    )
    kind = _choice(_("会议类别"), Meeting.Kind.choices, required=False, blank=_("全部"))
    status = _choice(_("状态"), Meeting.Status.choices, required=False, blank=_("全部"))
    year = forms.IntegerField(
        label=_("年份"),
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages=field_messages(_("年份")),
    )


class MeetingForm(forms.Form):
    """Schedule a meeting, or (without kind, term and number) edit one."""

    kind = _choice(_("会议类别"), Meeting.Kind.choices)
    term = _model_choice(
        _("届"), Term.objects.all(), required=False, empty_label=_("会议日期所在的届")
    )
    number = forms.IntegerField(
        label=_("次"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_("留空则自动编为本届同类会议的下一次。"),
        error_messages=field_messages(_("次")),
    )
    title = _char(_("会议名称"), 120, help_text=_("留空则按“第X届…第Y次会议”自动生成。"))
    starts_on = _date(_("开始日期"))
    ends_on = _date(_("结束日期"), required=False)
    start_time = forms.TimeField(
        label=_("开始时间"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages=field_messages(_("开始时间")),
    )
    location = _char(_("地点"), 120)
    has_election = forms.BooleanField(label=_("有选举事项"), required=False)
    is_public = forms.BooleanField(label=_("公开举行"), required=False, initial=True)
    gallery_seats = forms.IntegerField(
        label=_("旁听席位"),
        min_value=0,
        max_value=10000,
        initial=20,
        error_messages=field_messages(_("旁听席位")),
    )
    notes = _char(
        _("会议记录"),
        20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("联席会议记载参加人员、协调事项和后续措施（S3）。"),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("kind", "term", "number"):
                del self.fields[name]
            self.fields["title"].required = True
            self.fields["ends_on"].required = True


def reporter_choices():
    return (
        Person.objects.filter(memberships__post__isnull=False)
        .distinct()
        .order_by("name", "id")
        .only("id", "name")
    )


class AgendaItemForm(forms.Form):
    kind = _choice(_("议题类别"), AgendaItem.Kind.choices)
    title = _char(_("议题"), 200, required=True)
    description = _char(_("说明"), 20000, widget=forms.Textarea(attrs={"rows": 3}))
    reporter = _model_choice(_("报告人"), Person.objects.none(), empty_label=_("—"))
    reporter_post = _model_choice(_("报告人职务"), Post.objects.none(), empty_label=_("自动"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = reporter_choices()
        self.fields["reporter"].help_text = _(
            "工作报告的报告人须担任由人大或常委会选举、任命的职务（S17）。"
        )
        self.fields["reporter_post"].queryset = Post.objects.filter(
            elected_or_appointed=True
        ).select_related("organization")


class DisposeForm(forms.Form):
    disposition = _choice(
        _("处理结果"),
        [
            (AgendaItem.Disposition.DECIDED, AgendaItem.Disposition.DECIDED.label),
            (AgendaItem.Disposition.DEFERRED, AgendaItem.Disposition.DEFERRED.label),
        ],
    )
    note = _char(
        _("决定内容或下一步处理意见"),
        2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("暂缓处理的事项必须写明下一步处理意见（S16）。"),
    )


class DocumentForm(KeepsUploads, forms.Form):
    item = _model_choice(_("议程事项"), AgendaItem.objects.none(), empty_label=_("（会议文件）"))
    kind = _choice(_("文件类别"), MeetingDocument.Kind.choices)
    title = _char(_("标题"), 200, required=True)
    file = forms.FileField(
        label=_("文件"),
        required=False,
        help_text=_("PDF、docx、xlsx 或 txt，不超过 20 MB。"),
        error_messages=field_messages(_("文件")),
    )
    received_on = _date(_("送达日期"), required=False)
    is_public = forms.BooleanField(label=_("公开"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("order")


class LeaveForm(forms.Form):
    person = _model_choice(_("请假人"), Person.objects.none(), required=True)
    reason = _char(_("请假事由"), 200, required=True)

    def __init__(self, *args, meeting: Meeting, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["person"].queryset = (
                Person.objects.filter(attendance__meeting=meeting)
                .order_by("name")
                .only("id", "name")
            )
        else:
            del self.fields["person"]


class PoolEntryForm(forms.Form):
    person = _model_choice(_("人员"), Person.objects.none(), required=True)
    kind = _choice(_("类别"), AttendeePoolEntry.Kind.choices)
    community = _char(_("所在社区或单位"), 100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(pool_entry__isnull=True).order_by("name", "id").only("id", "name")
        )
