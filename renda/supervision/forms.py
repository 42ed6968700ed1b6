"""Forms of the supervision pages; the services check every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads
from renda.meetings.models import Meeting
from renda.people.models import Organization, Person

from .models import (
    InquirySession,
    InspectionMember,
    Interpellation,
    JudicialRecord,
    PlanItem,
    ResearchMember,
    TopicKind,
    TopicSource,
)

SUPERVISED_KINDS = (
    Organization.Kind.GOVERNMENT,
    Organization.Kind.GOVERNMENT_DEPARTMENT,
    Organization.Kind.SUPERVISORY_COMMISSION,
    Organization.Kind.COURT,
    Organization.Kind.PROCURATORATE,
)
WORKING_KINDS = (
    Organization.Kind.SPECIAL_COMMITTEE,
    Organization.Kind.WORKING_BODY,
    Organization.Kind.GENERAL_OFFICE,
)


def _bodies():
    return Organization.objects.filter(kind__in=SUPERVISED_KINDS).order_by("sort_order", "id")


def _sc_meetings():
    return Meeting.objects.filter(kind=Meeting.Kind.SC_MEETING).order_by("-starts_on")


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.starts_on:%Y-%m-%d}）"


class DateInput(forms.DateInput):
    input_type = "date"


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("形式"), choices=TopicKind.choices)
    title = forms.CharField(label=_("议题"), max_length=200)
    supervised_body = forms.ModelChoiceField(
        label=_("监督对象"), queryset=_bodies(), required=False
    )
    responsible_body = forms.ModelChoiceField(
        label=_("承担工作机构"),
        required=False,
        queryset=Organization.objects.filter(kind__in=WORKING_KINDS),
    )
    planned_meeting = MeetingField(label=_("拟提请会议"), queryset=_sc_meetings(), required=False)
    planned_month = forms.IntegerField(
        label=_("拟安排月份"), min_value=1, max_value=12, required=False
    )
    source = forms.ChoiceField(label=_("来源"), choices=TopicSource.choices)
    source_type = forms.CharField(
        label=_("来源记录类型"),
        max_length=60,
        required=False,
        help_text=_("例如 suggestions.suggestion（代表建议）"),
    )
    source_id = forms.CharField(label=_("来源记录编号"), max_length=64, required=False)
    source_note = forms.CharField(label=_("来源说明"), max_length=300, required=False)
    with_evaluation = forms.BooleanField(label=_("开展满意度测评"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_body"].queryset = _bodies()
        self.fields["planned_meeting"].queryset = _sc_meetings()


class AdoptForm(forms.Form):
    council_meeting = MeetingField(
        label=_("通过的主任会议"),
        required=False,
        queryset=Meeting.objects.filter(kind=Meeting.Kind.CHAIRPERSONS_COUNCIL),
    )
    party_consent = forms.BooleanField(label=_("已报党委同意"), required=False)
    party_consent_note = forms.CharField(label=_("党委同意情况"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("要求"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False
    )


class ReportForm(forms.Form):
    title = forms.CharField(label=_("报告名称"), max_length=200)
    body = forms.ModelChoiceField(label=_("报告机关"), queryset=_bodies())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies()


class ScheduleForm(forms.Form):
    meeting = MeetingField(label=_("常委会会议"), queryset=_sc_meetings())
    reporter = forms.ModelChoiceField(
        label=_("报告人"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("报告机关负责人（法定报告人）。"),
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _sc_meetings()
        qs = Person.objects.filter(
            memberships__post__elected_or_appointed=True, memberships__end_date__isnull=True
        )
        if body is not None:
            qs = qs.filter(memberships__organization=body)
        self.fields["reporter"].queryset = qs.distinct().order_by("name")


class MilestoneForm(forms.Form):
    step = forms.ChoiceField(
        label=_("环节"),
        choices=[
            ("draft_to_committee", _("报告稿送专门委员会（工作机构）征求意见")),
            ("revised_to_sc", _("修改后的报告送交常委会")),
            ("to_members", _("报告印发常委会组成人员")),
        ],
    )
    on = forms.DateField(label=_("日期"), widget=DateInput)


class DeliberateForm(forms.Form):
    summary = forms.CharField(
        label=_("审议情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    publish = forms.BooleanField(label=_("在门户网站公开"), required=False, initial=True)


class OpinionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200, required=False)
    text = forms.CharField(label=_("审议意见"), widget=forms.Textarea(attrs={"rows": 8}))


class MeetingForm(forms.Form):
    meeting = MeetingField(label=_("常委会会议"), queryset=_sc_meetings())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _sc_meetings()


class InspectionForm(forms.Form):
    title = forms.CharField(label=_("检查名称"), max_length=200)
    law = forms.CharField(label=_("检查的法律法规"), max_length=200)
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput)
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput)
    places = forms.CharField(
        label=_("检查地点和方式"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    leaders = forms.ModelMultipleChoiceField(
        label=_("组长"), queryset=Person.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("常委会组成人员"), queryset=Person.objects.none(), required=False
    )
    deputies = forms.ModelMultipleChoiceField(
        label=_("代表"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sc = (
            Person.objects.filter(
                memberships__organization__kind=Organization.Kind.STANDING_COMMITTEE,
                memberships__end_date__isnull=True,
            )
            .distinct()
            .order_by("name")
        )
        self.fields["leaders"].queryset = sc
        self.fields["members"].queryset = sc
        self.fields["deputies"].queryset = (
            Person.objects.filter(mandates__status="active").distinct().order_by("name")
        )

    def team(self):
        d = self.cleaned_data
        return (
            [(p, InspectionMember.Role.LEADER) for p in d["leaders"]]
            + [(p, InspectionMember.Role.MEMBER) for p in d["members"]]
            + [(p, InspectionMember.Role.DEPUTY) for p in d["deputies"]]
        )


class DayForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput)


class FindingsForm(forms.Form):
    findings = forms.CharField(
        label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    body = forms.ModelChoiceField(label=_("研究处理机关"), queryset=_bodies())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies()


class FindingsOnlyForm(forms.Form):
    findings = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 4}))


class ResearchForm(InspectionForm):
    """A special research project: the topic, the body concerned, places, dates and the team."""

    title = forms.CharField(label=_("调研课题"), max_length=200)
    law = None
    body = forms.ModelChoiceField(
        label=_("调研涉及的机关"), queryset=Organization.objects.none(), required=False
    )
    places = forms.CharField(
        label=_("调研地点和方式"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput, required=False)
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput, required=False)
    plan_item = forms.ModelChoiceField(
        label=_("计划议题"), queryset=PlanItem.objects.none(), required=False
    )

    field_order = [
        "title",
        "plan_item",
        "body",
        "starts_on",
        "ends_on",
        "places",
        "leaders",
        "members",
        "deputies",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies()
        self.fields["plan_item"].queryset = (
            PlanItem.objects.filter(kind=TopicKind.RESEARCH, cancelled=False)
            .select_related("plan")
            .order_by("-plan__year", "order")
        )

    def team(self):
        d = self.cleaned_data
        return (
            [(p, ResearchMember.Role.LEADER) for p in d["leaders"]]
            + [(p, ResearchMember.Role.MEMBER) for p in d["members"]]
            + [(p, ResearchMember.Role.DEPUTY) for p in d["deputies"]]
        )


class ResearchReportForm(KeepsUploads, forms.Form):
    findings = forms.CharField(label=_("调研发现的问题"), widget=forms.Textarea(attrs={"rows": 4}))
    report_text = forms.CharField(
        label=_("调研报告"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    attachment = forms.FileField(label=_("调研报告文件（PDF、Word、OFD 或文本）"), required=False)


class BodyForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("研究处理机关"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies()


class InquiryForm(forms.Form):
    title = forms.CharField(label=_("询问议题"), max_length=200)
    meeting = MeetingField(label=_("常委会会议"), queryset=_sc_meetings())
    form = forms.ChoiceField(label=_("询问形式"), choices=InquirySession.Form.choices)
    respondents = forms.ModelMultipleChoiceField(
        label=_("应询人"),
        queryset=Person.objects.none(),
        help_text=_("政府负责人、法院院长、检察长等机关负责人。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _sc_meetings()
        self.fields["respondents"].queryset = (
            Person.objects.filter(
                memberships__organization__kind__in=SUPERVISED_KINDS,
                memberships__end_date__isnull=True,
                memberships__post__isnull=False,
            )
            .distinct()
            .order_by("name")
        )


class QuestionForm(forms.Form):
    asker = forms.ModelChoiceField(label=_("询问人"), queryset=Person.objects.none())
    respondent = forms.ModelChoiceField(label=_("应询人"), queryset=Person.objects.none())
    question = forms.CharField(label=_("询问内容"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(
        label=_("应询回答"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asker"].queryset = (
            Person.objects.filter(
                memberships__organization__kind=Organization.Kind.STANDING_COMMITTEE,
                memberships__end_date__isnull=True,
            )
            .distinct()
            .order_by("name")
        )
        if session is not None:
            self.fields["respondent"].queryset = Person.objects.filter(
                pk__in=session.respondents.values("person_id")
            )


class HoldForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("到会应询人"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("询问情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            self.fields["attended"].queryset = Person.objects.filter(
                pk__in=session.respondents.values("person_id")
            )


class InterpellationForm(forms.Form):
    title = forms.CharField(label=_("案由"), max_length=200)
    text = forms.CharField(label=_("质询的问题和内容"), widget=forms.Textarea(attrs={"rows": 5}))
    body = forms.ModelChoiceField(label=_("质询对象"), queryset=_bodies())
    signers = forms.ModelMultipleChoiceField(label=_("联名人"), queryset=Person.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies()
        self.fields["signers"].queryset = (
            Person.objects.filter(
                memberships__organization__kind=Organization.Kind.STANDING_COMMITTEE,
                memberships__end_date__isnull=True,
            )
            .distinct()
            .order_by("name")
        )


class DecideModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("答复方式"), choices=Interpellation.Mode.choices)
    answer_meeting = MeetingField(label=_("答复会议"), queryset=_sc_meetings(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer_meeting"].queryset = _sc_meetings()


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))
    answered_by = forms.CharField(label=_("答复人"), max_length=60)


class FeedbackForm(forms.Form):
    dissatisfied = forms.ModelMultipleChoiceField(
        label=_("对答复不满意的提出人"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, interpellation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if interpellation is not None:
            self.fields["dissatisfied"].queryset = Person.objects.filter(
                pk__in=interpellation.signer_rows.values("person_id")
            )


class JudicialForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=JudicialRecord.Kind.choices)
    body = forms.ModelChoiceField(
        label=_("机关"),
        queryset=Organization.objects.filter(
            kind__in=(Organization.Kind.COURT, Organization.Kind.PROCURATORATE)
        ),
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    summary = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput, required=False)


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("常委会决定"), widget=forms.Textarea(attrs={"rows": 3}))


class InquiryTopicForm(forms.Form):
    year = forms.IntegerField(label=_("拟询问年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("议题"), max_length=200)
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    proposers = forms.ModelMultipleChoiceField(
        label=_("提出代表"),
        queryset=Person.objects.none(),
        help_text=_("须由规定人数以上的代表联名提出（规则3.5，默认5名）。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposers"].queryset = (
            Person.objects.filter(mandates__status="active").distinct().order_by("name")
        )
