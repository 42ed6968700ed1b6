"""Forms of filing review: input parsing only; the rules stay in the services."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads
from renda.core.views import DateInput, field_messages
from renda.people.models import Organization

from .models import CHECKLIST, ChecklistAnswer, Filing, Hearing, Outcome, Review, ReviewSuggestion


class FilingForm(KeepsUploads, forms.Form):
    title = forms.CharField(
        label=_("文件名称"), max_length=200, error_messages=field_messages(_("文件名称"))
    )
    document_number = forms.CharField(
        label=_("文号"),
        max_length=80,
        error_messages=field_messages(_("文号")),
        help_text=_("例如：清教发〔2026〕3号"),
    )
    enacting_body = forms.ModelChoiceField(
        label=_("制定机关"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("工作人员代为录入时选择；制定机关报送时为本机关。"),
    )
    adopted_on = forms.DateField(
        label=_("通过日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("通过日期")),
    )
    published_on = forms.DateField(
        label=_("公布日期"), widget=DateInput(), error_messages=field_messages(_("公布日期"))
    )
    effective_on = forms.DateField(
        label=_("施行日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("施行日期")),
    )
    file = forms.FileField(
        label=_("文件正文（docx 或 PDF）"), error_messages=field_messages(_("文件正文"))
    )
    drafting_explanation = forms.CharField(
        label=_("起草说明"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages=field_messages(_("起草说明")),
    )
    legal_basis = forms.CharField(
        label=_("制定依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages=field_messages(_("制定依据")),
    )

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            from .services import enacting_bodies

            self.fields["enacting_body"].queryset = enacting_bodies().order_by("sort_order", "name")
        else:
            del self.fields["enacting_body"]


class CorrectForm(KeepsUploads, forms.Form):
    file = forms.FileField(label=_("补正后的文件正文（docx 或 PDF）"), required=False)
    drafting_explanation = forms.CharField(
        label=_("起草说明"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )
    legal_basis = forms.CharField(
        label=_("制定依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )
    note = forms.CharField(
        label=_("补正说明"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=field_messages(_("退回理由")),
    )


class AmendReportForm(forms.Form):
    text = forms.CharField(
        label=_("修改后报告"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("修改或废止的情况，修改后的文件名称、文号和公布日期（规则5.8）。"),
    )


class TransferForm(forms.Form):
    to = forms.CharField(
        label=_("移送机关"), max_length=200, error_messages=field_messages(_("移送机关"))
    )
    note = forms.CharField(label=_("移送说明"), max_length=2000, required=False)


class FilingFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + list(Filing.Status.choices)
    )
    body = forms.ModelChoiceField(
        label=_("制定机关"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("全部"),
    )
    late = forms.BooleanField(label=_("仅逾期报备"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import enacting_bodies

        self.fields["body"].queryset = enacting_bodies().order_by("sort_order", "name")


class ChecklistForm(forms.Form):
    findings = forms.CharField(
        label=_("审查意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = (item.checklist or {}) if item is not None else {}
        choices = [("", "—")] + list(ChecklistAnswer.choices)
        for key, label in CHECKLIST:
            self.fields[f"{key}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                initial=current.get(key, {}).get("answer", ""),
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("说明"),
                required=False,
                max_length=2000,
                initial=current.get(key, {}).get("note", ""),
                # The note sits in the row of its standard: named by it for a screen reader.
                widget=forms.TextInput(
                    attrs={"aria-label": format_lazy("{}：{}", label, _("说明"))}
                ),
            )
        if item is not None:
            self.fields["findings"].initial = item.findings

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            key: {"answer": data.get(key) or "", "note": data.get(f"{key}_note") or ""}
            for key, _label in CHECKLIST
            if data.get(key)
        }

    def rows(self):
        return [(self[key], self[f"{key}_note"]) for key, _label in CHECKLIST]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审查结果"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("处理说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
    )
    meeting = forms.ModelChoiceField(
        label=_("提请审议的常委会会议（撤销时）"), required=False, queryset=None
    )
    transferred_to = forms.CharField(label=_("移送机关（移送时）"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.meetings.models import Meeting

        self.fields["meeting"].queryset = (
            Meeting.objects.filter(kind=Meeting.Kind.SC_MEETING)
            .exclude(status=Meeting.Status.CLOSED)
            .order_by("starts_on")
        )


class RouteForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("承担审查的工作机构"),
        queryset=Organization.objects.none(),
        error_messages=field_messages(_("承担审查的工作机构")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        K = Organization.Kind
        self.fields["body"].queryset = Organization.objects.filter(
            kind__in=[K.WORKING_BODY, K.SPECIAL_COMMITTEE, K.GENERAL_OFFICE]
        ).order_by("sort_order", "id")


class ViewRequestForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("征求意见的委员会"),
        queryset=Organization.objects.none(),
        error_messages=field_messages(_("委员会")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        K = Organization.Kind
        self.fields["committee"].queryset = Organization.objects.filter(
            kind__in=[K.WORKING_BODY, K.SPECIAL_COMMITTEE]
        ).order_by("sort_order", "id")


class ViewSubmitForm(forms.Form):
    view = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("书面意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
        error_messages=field_messages(_("书面意见")),
    )


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Hearing.Kind.choices)
    held_on = forms.DateField(
        label=_("举行日期"), widget=DateInput(), error_messages=field_messages(_("举行日期"))
    )
    participants = forms.CharField(
        label=_("参加人员"), max_length=2000, error_messages=field_messages(_("参加人员"))
    )
    summary = forms.CharField(
        label=_("主要意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
        error_messages=field_messages(_("主要意见")),
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("延长理由"), max_length=2000, error_messages=field_messages(_("延长理由"))
    )


class ThematicForm(forms.Form):
    title = forms.CharField(
        label=_("专项审查名称"), max_length=200, error_messages=field_messages(_("专项审查名称"))
    )
    filings = forms.ModelMultipleChoiceField(
        label=_("审查的文件"),
        queryset=Filing.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        error_messages=field_messages(_("审查的文件")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filings"].queryset = (
            Filing.objects.filter(status__in=["registered", "concluded"])
            .select_related("enacting_body")
            .only("pk", "title", "document_number", "enacting_body__name")
        )


class SuggestionDecideForm(forms.Form):
    filing = forms.ModelChoiceField(
        label=_("关联的备案文件"), required=False, queryset=Filing.objects.none()
    )
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing"].queryset = Filing.objects.filter(
            status__in=["registered", "concluded"]
        ).only("pk", "title", "document_number")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False
    )
    to = forms.CharField(label=_("移送机关"), max_length=200, required=False)


class ReminderForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, error_messages=field_messages(_("年度"))
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, error_messages=field_messages(_("年度"))
    )
    summary = forms.CharField(
        label=_("工作概述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class PublicSuggestionForm(forms.Form):
    """The public review-suggestion form (审查建议, rules §5.7)."""

    proposer_kind = forms.ChoiceField(
        label=_("建议人类别"), choices=ReviewSuggestion.ProposerKind.choices
    )
    proposer_name = forms.CharField(
        label=_("姓名或组织名称"),
        max_length=100,
        error_messages=field_messages(_("姓名或组织名称")),
    )
    contact = forms.CharField(
        label=_("联系方式"),
        max_length=100,
        error_messages=field_messages(_("联系方式")),
        help_text=_("电话或电子邮箱，仅用于告知处理情况。"),
    )
    document_reference = forms.CharField(
        label=_("建议审查的文件名称或文号"), max_length=200, required=False
    )
    enacting_body_name = forms.CharField(label=_("制定机关"), max_length=200, required=False)
    reasons = forms.CharField(
        label=_("认为文件存在问题的理由"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages=field_messages(_("理由")),
    )
    filing = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SupplementForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    supplement = forms.CharField(
        label=_("补充材料"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages=field_messages(_("补充材料")),
    )


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("查询码"), max_length=20, error_messages=field_messages(_("查询码"))
    )


REVIEW_KIND_CHOICES = Review.Kind.choices
