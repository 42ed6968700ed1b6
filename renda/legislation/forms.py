"""Forms of the legislation pages. They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.meetings.models import Meeting

from .models import (
    CommentGroup,
    Consultation,
    ContactPoint,
    DraftVersion,
    Evaluation,
    Expert,
    HearingRegistration,
    Interpretation,
    Plan,
    PlanItem,
    Project,
    PublicComment,
    Reading,
)
from .services.drafts import MAX_DRAFT


def text_area(label, max_length: int, *, required: bool = True, rows: int = 4, **kw):
    return char_field(label, max_length, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kw)  # fmt: skip


def _meetings(kind: str):
    return Meeting.objects.filter(kind=kind).exclude(status=Meeting.Status.CLOSED).order_by("starts_on", "id")  # fmt: skip


class PlanForm(forms.Form):
    kind = choice_field(_("类别"), Plan.Kind.choices)
    title = char_field(_("名称"), 120, required=True, help_text=_("如“清河市人大常委会2027年度立法计划”。"))  # fmt: skip
    year_from = forms.IntegerField(label=_("起始年度"), min_value=2000, max_value=2100, error_messages=field_messages(_("起始年度")))  # fmt: skip
    year_to = forms.IntegerField(label=_("截止年度"), required=False, min_value=2000, max_value=2100, error_messages=field_messages(_("截止年度")), help_text=_("五年立法规划填写；年度计划不填。"))  # fmt: skip
    note = text_area(_("说明"), 2000, required=False)


class PlanItemForm(forms.Form):
    title = char_field(_("项目名称"), 120, required=True, help_text=_("如“清河市养犬管理条例”。"))
    category = choice_field(_("类别"), PlanItem.Category.choices)
    drafter = char_field(_("起草单位"), 100)
    committee = char_field(_("牵头委员会"), 100)
    expected_month = forms.IntegerField(label=_("拟提请审议月份"), required=False, min_value=1, max_value=12, error_messages=field_messages(_("拟提请审议月份")))  # fmt: skip
    reason = char_field(_("调整理由"), 300, help_text=_("计划通过后调整的，须写明理由；调整记入计划的新版本。"))  # fmt: skip


class RemoveItemForm(forms.Form):
    item = model_choice_field(_("项目"), PlanItem.objects.none(), required=True)
    reason = char_field(_("调整理由"), 300, help_text=_("计划通过后调出的，须写明理由。"))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["item"].queryset = plan.items.filter(status=PlanItem.Status.LISTED)


class AdoptForm(forms.Form):
    adopted_on = date_field(_("通过日期"))
    meeting = model_choice_field(_("主任会议"), Meeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(kind=Meeting.Kind.CHAIRPERSONS_COUNCIL).order_by("-starts_on")  # fmt: skip
        self.fields["meeting"].help_text = _(
            "有会议记录的，选择该次主任会议；通过日期应为会议举行的日期。"
        )


class EmptyForm(forms.Form):
    pass


class ProjectForm(forms.Form):
    title = char_field(_("法规名称"), 120, help_text=_("从计划项目登记的，可不填，沿用项目名称。"))
    plan_item = model_choice_field(_("计划项目"), PlanItem.objects.none())
    kind = choice_field(_("立法形式"), Project.Kind.choices)
    proposer = choice_field(_("提案主体"), Project.Proposer.choices)
    proposer_name = char_field(_("提案人"), 100, help_text=_("如“清河市人民政府”。"))
    drafter = char_field(_("起草单位"), 100)
    committee = char_field(_("牵头委员会"), 100)
    proposed_on = date_field(_("立项日期"), required=False)
    summary = text_area(_("立法目的和主要内容"), 5000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = (
            PlanItem.objects.filter(status=PlanItem.Status.LISTED, project__isnull=True)
            .select_related("plan")
            .order_by("-plan__year_from", "id")
        )
        self.fields["plan_item"].label_from_instance = lambda i: f"{i.plan.years} · {i.title}"


class ArgueForm(forms.Form):
    argued_on = date_field(_("论证日期"))
    argument = text_area(_("论证结论"), 5000, help_text=_("立法的必要性、可行性和需要解决的主要问题。"))  # fmt: skip


class VersionForm(forms.Form):
    label = char_field(_("版本名称"), 40, required=True, help_text=_("如“草案”“二审稿”“表决稿”。"))  # fmt: skip
    text = text_area(_("草案文本"), MAX_DRAFT, rows=12, help_text=_("每章、每条另起一行，以“第一章”“第一条”开头；条文编号应连续。"))  # fmt: skip
    explanation = text_area(_("说明"), MAX_DRAFT, required=False, rows=4)
    sent_on = date_field(_("印发组成人员日期"), required=False)


class SubmitForm(forms.Form):
    submitted_on = date_field(_("提请日期"))
    proposer_name = char_field(_("提案人"), 100)


class OpenCommentForm(forms.Form):
    version = model_choice_field(_("草案版本"), None, required=True)
    opens_on = date_field(_("开始日期"))
    closes_on = date_field(_("截止日期"))

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = project.versions.order_by("-number") if project else DraftVersion.objects.none()  # fmt: skip


class FewerReadingsForm(forms.Form):
    readings = forms.IntegerField(label=_("审议次数"), min_value=1, max_value=5, error_messages=field_messages(_("审议次数")))  # fmt: skip
    ground = char_field(_("理由"), 300, required=True, help_text=_("如“各方面意见比较一致”“部分修改、调整事项较为单一”（立法法第33条）。"))  # fmt: skip
    decided_on = date_field(_("主任会议决定日期"))


class MeetingForm(forms.Form):
    meeting = model_choice_field(_("常委会会议"), Meeting.objects.none(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(Meeting.Kind.SC_MEETING)


class RecordReadingForm(forms.Form):
    reading = model_choice_field(_("审议"), Reading.objects.none(), required=True)
    held_on = date_field(_("审议日期"))
    opinions = text_area(_("审议意见摘要"), 20000)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["reading"].queryset = project.readings.filter(status=Reading.Status.SCHEDULED).select_related("meeting")  # fmt: skip
            self.fields["reading"].label_from_instance = lambda r: f"第{r.number}次审议 · {r.meeting.title}"  # fmt: skip


class ReviewForm(forms.Form):
    reviewed_on = date_field(_("统一审议日期"))
    report = text_area(_("审议结果的报告"), 20000, rows=8)


class SentForm(forms.Form):
    sent_on = date_field(_("报请日期"))


class ApprovalForm(forms.Form):
    approved_on = date_field(_("批准日期"))
    reference = char_field(_("批准文件"), 120, required=True)


class PromulgateForm(forms.Form):
    promulgated_on = date_field(_("公布日期"))
    announcement = char_field(_("公告文号"), 120, required=True, help_text=_("如“清河市人民代表大会常务委员会公告第12号”。"))  # fmt: skip
    effective_on = date_field(_("施行日期"))


class GroupForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        label=_("意见"), queryset=PublicComment.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages=field_messages(_("意见")),
    )  # fmt: skip
    group = model_choice_field(_("归入已有归类"), CommentGroup.objects.none())
    title = char_field(
        _("或新建归类"), 120, help_text=_("新建归类时填写所涉问题，如“牵引绳长度”。")
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["comments"].queryset = PublicComment.objects.filter(version__project=project, group__isnull=True).select_related("provision").order_by("received_at", "id")  # fmt: skip
            self.fields["comments"].label_from_instance = lambda c: f"{c.provision.label if c.provision else _('草案整体')}：{c.body[:40]}"  # fmt: skip
            self.fields["group"].queryset = project.comment_groups.order_by("id")


class DecideGroupForm(forms.Form):
    group = model_choice_field(_("归类"), CommentGroup.objects.none(), required=True)
    handling = choice_field(_("处理情况"), [c for c in CommentGroup.Handling.choices if c[0] != "pending"])  # fmt: skip
    reason = text_area(_("理由"), 2000)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["group"].queryset = project.comment_groups.order_by("id")


class FeedbackForm(forms.Form):
    feedback = text_area(_("征求意见情况通报"), 20000, rows=8, help_text=_("收到意见的数量、来源和主要意见的采纳情况；法规通过后向社会通报（立法法第40条）。"))  # fmt: skip


class ReasonForm(forms.Form):
    reason = char_field(_("理由"), 300, required=True)


class CommentForm(forms.Form):
    """The public form: the article is chosen on the draft's page; name and contact optional."""

    provision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    body = text_area(_("意见内容"), 3000, rows=5, help_text=_("不超过3000字。经审核后公开，公开时不显示姓名和联系方式。"))  # fmt: skip
    name = char_field(_("姓名"), 40, help_text=_("可不填。"))
    contact = char_field(_("联系方式"), 80, help_text=_("可不填；仅供工作人员联系您，不会公开。"))


class RecordCommentForm(forms.Form):
    version = model_choice_field(_("草案版本"), None, required=True)
    provision_label = char_field(
        _("所涉条文"), 30, help_text=_("如“第十六条”；针对草案整体的不填。")
    )
    source = choice_field(_("来源"), [c for c in PublicComment.Source.choices if c[0] != "website"])  # fmt: skip
    contact_point = model_choice_field(_("基层立法联系点"), ContactPoint.objects.none())
    received_on = date_field(_("收到日期"))
    name = char_field(_("提出人"), 40)
    body = text_area(_("意见内容"), 3000, rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = DraftVersion.objects.filter(comment_opens_on__isnull=False).select_related("project").order_by("-comment_opens_on")  # fmt: skip
        self.fields["contact_point"].queryset = ContactPoint.objects.filter(active=True)


class ContactPointForm(forms.Form):
    name = char_field(_("名称"), 100, required=True, help_text=_("如“望湖街道基层立法联系点”。"))
    organisation = char_field(_("依托单位"), 100)
    address = char_field(_("地址"), 200)
    established_on = date_field(_("设立日期"), required=False)
    description = text_area(_("简介"), 2000, required=False)


class TrackForm(forms.Form):
    code = char_field(_("查询码"), 20, required=True, help_text=_("提交意见后得到的12位查询码。"))


class ConsultationForm(forms.Form):
    kind = choice_field(_("形式"), Consultation.Kind.choices)
    title = char_field(_("主题"), 120, required=True, help_text=_("如“犬只分类管理论证会”。"))
    held_on = date_field(_("日期"))
    place = char_field(_("地点"), 120)
    experts = forms.ModelMultipleChoiceField(
        label=_("邀请专家"), queryset=Expert.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, error_messages=field_messages(_("邀请专家")),
        help_text=_("专家咨询和论证会须邀请专家；与起草单位有利益关联或暂不能参加的专家不能选。"),
    )  # fmt: skip
    notice = text_area(_("听证公告"), 5000, required=False, help_text=_("听证会填写，在网站公布，公众可报名陈述。"))  # fmt: skip
    registration_closes_on = date_field(_("报名截止日期"), required=False)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = Expert.objects.filter(available=True).order_by("name")
        self.fields["experts"].label_from_instance = lambda e: f"{e.name}（{e.organisation or '—'}；{e.fields}）"  # fmt: skip


class EvaluationForm(forms.Form):
    started_on = date_field(_("开始日期"))
    plan = text_area(_("评估方案"), 10000, help_text=_("评估的内容、方法（问卷、座谈、实地调研）和时间安排。"))  # fmt: skip


class OpinionForm(forms.Form):
    expert = model_choice_field(_("专家"), Expert.objects.none(), required=True)
    opinion = text_area(_("意见"), 10000)
    received_on = date_field(_("收到日期"), required=False)

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation is not None:
            self.fields["expert"].queryset = consultation.experts.exclude(opinions__consultation=consultation).order_by("name")  # fmt: skip


class SpeakersForm(forms.Form):
    registrations = forms.ModelMultipleChoiceField(
        label=_("陈述人"), queryset=HearingRegistration.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages=field_messages(_("陈述人")),
        help_text=_("报名者观点不同的，陈述人应当兼顾各方。"),
    )  # fmt: skip

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation is not None:
            self.fields["registrations"].queryset = consultation.registrations.order_by(
                "registered_at"
            )
            self.fields["registrations"].label_from_instance = lambda r: f"{r.name}（{r.get_side_display()}）：{r.summary[:40]}"  # fmt: skip


class RecordForm(forms.Form):
    record = text_area(_("情况记录"), 20000, rows=8, help_text=_("与会者的主要意见；听证会的陈述和答复情况，向常委会报告。"))  # fmt: skip


class EvaluationReportForm(forms.Form):
    reported_on = date_field(_("报告日期"))
    conclusion = choice_field(_("评估结论"), Evaluation.Conclusion.choices)
    inputs = text_area(_("问卷调查和征集意见情况"), 10000, required=False)
    report = text_area(_("评估报告"), 50000, rows=8)


class ExpertForm(forms.Form):
    name = char_field(_("姓名"), 40, required=True)
    organisation = char_field(_("工作单位"), 100)
    title = char_field(_("职称或职务"), 60)
    fields = char_field(_("专业领域"), 200, required=True, help_text=_("用分号分隔，如“行政法；城市管理”。"))  # fmt: skip
    contact = char_field(_("联系方式"), 80, help_text=_("仅工作人员可见。"))
    conflicts = char_field(_("利益关联单位"), 300, help_text=_("担任法律顾问或有其他利益关系的单位，用分号分隔；这些单位起草的项目不邀请该专家。"))  # fmt: skip


class AvailabilityForm(forms.Form):
    available = forms.BooleanField(label=_("可参加咨询"), required=False)
    note = char_field(_("说明"), 200)


class RegisterForm(forms.Form):
    """The public form to ask to speak at a hearing."""

    name = char_field(_("姓名"), 40, required=True)
    contact = char_field(_("联系方式"), 80, required=True, help_text=_("用于通知是否确定为陈述人，不会公开。"))  # fmt: skip
    organisation = char_field(_("单位或身份"), 100)
    side = choice_field(_("观点"), HearingRegistration.Side.choices)
    summary = text_area(_("陈述要点"), 2000)


class InterpretationForm(forms.Form):
    kind = choice_field(_("类别"), Interpretation.Kind.choices)
    articles = char_field(_("所涉条文"), 60, help_text=_("如“第十六条”。"))
    question = text_area(_("问题"), 5000)
    text = text_area(_("解释或答复"), 20000, rows=6)
    adopted_on = date_field(_("通过或答复日期"))
