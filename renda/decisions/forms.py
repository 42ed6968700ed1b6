"""Input parsing for the major-matter pages; the rules stay in the services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads, char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.meetings.models import Meeting
from renda.meetings.workflow import OPEN_STATUSES
from renda.people.models import Organization

from . import workflow
from .models import Category, DecisionKind, ListItem, Material, MatterKind, MatterStatus, Quarter

QUARTERS = Quarter.choices


def _text_area(label, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=20000,
        error_messages=field_messages(label),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _categories():
    return Category.objects.filter(is_active=True).order_by("order", "id")


class ListCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, error_messages=field_messages(_("年度"))
    )
    title = char_field(
        _("名称"),
        200,
        help_text=_("留空则按“某某人民政府某年度提请人大常委会讨论决定重大事项清单”命名。"),
    )
    explanation = _text_area(_("说明"), required=False)


class ItemForm(forms.Form):
    category = model_choice_field(_("类别"), Category.objects.none(), required=True)
    kind = choice_field(
        _("事项类型"),
        [(k, MatterKind(k).label) for k in MatterKind.values if k in workflow.LIST_KINDS],
    )
    title = char_field(_("事项名称"), 200, required=True)
    description = _text_area(_("主要内容"), required=False, rows=3)
    planned_quarter = forms.TypedChoiceField(
        label=_("计划提请季度"),
        choices=QUARTERS,
        coerce=int,
        error_messages=field_messages(_("计划提请季度")),
    )
    proposing_body = model_choice_field(
        _("提请机关"), Organization.objects.none(), empty_label=_("本级人民政府")
    )

    def __init__(self, *args, government: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        bodies = Organization.objects.none()
        if government is not None:
            bodies = Organization.objects.filter(
                Q(pk=government.pk) | Q(parent=government)
            ).order_by("sort_order", "name")
        self.fields["proposing_body"].queryset = bodies


class CommentForm(forms.Form):
    item = model_choice_field(_("针对事项"), ListItem.objects.none(), empty_label=_("整份清单"))
    text = _text_area(_("意见"))

    def __init__(self, *args, annual_list=None, **kwargs):
        super().__init__(*args, **kwargs)
        if annual_list is not None:
            self.fields["item"].queryset = annual_list.items.order_by("order")


class RespondForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    response = _text_area(_("政府采纳情况"), rows=2)


class ConsentForm(forms.Form):
    consented_on = date_field(_("党委同意日期"))
    reference = char_field(_("党委同意文号"), 100)
    note = _text_area(_("党委意见"), required=False, rows=2)


class AdoptForm(forms.Form):
    meeting = model_choice_field(_("主任会议"), Meeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.CHAIRPERSONS_COUNCIL
        ).order_by("-starts_on")[:50]


class ReasonForm(forms.Form):
    reason = _text_area(_("退回理由"), rows=2)


class ChangeForm(forms.Form):
    explanation = _text_area(_("调整说明"), rows=3)


class MaterialForm(KeepsUploads, forms.Form):
    kind = choice_field(_("材料类别"), Material.Kind.choices)
    title = char_field(_("标题"), 200, required=True)
    file = forms.FileField(
        label=_("文件"),
        error_messages=field_messages(_("文件")),
        help_text=_("PDF、Word（docx）、Excel（xlsx）或文本（txt），不超过 20 MB。"),
    )
    received_on = date_field(_("送达日期"), required=False)


class ScheduleForm(forms.Form):
    meeting = model_choice_field(_("常委会会议"), Meeting.objects.none(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.SC_MEETING, status__in=OPEN_STATUSES
        ).order_by("starts_on")


class DecisionForm(forms.Form):
    kind = choice_field(_("类别"), DecisionKind.choices)
    title = char_field(_("标题"), 200, required=True)
    text = _text_area(_("正文"), rows=6)

    def __init__(self, *args, matter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if matter is not None:
            allowed = workflow.DECISION_KINDS[matter.kind]
            self.fields["kind"].choices = [
                (k, label) for k, label in DecisionKind.choices if k in allowed
            ]


class ConcludeForm(forms.Form):
    conclusion = _text_area(_("审议情况"), rows=3)


class OpinionsForm(forms.Form):
    text = _text_area(_("审议意见"), rows=5)


class RevocationForm(forms.Form):
    title = char_field(_("议案标题"), 200, required=True)
    revoked_title = char_field(_("拟撤销的决定"), 200, required=True)
    revoked_number = char_field(_("文号"), 100)
    revoked_issued_on = date_field(_("作出日期"), required=False)
    grounds = _text_area(_("撤销理由"), rows=4)
    category = model_choice_field(_("类别"), Category.objects.none(), required=True)
    proposing_body = model_choice_field(_("提案机关"), Organization.objects.none(), required=True)
    description = _text_area(_("说明"), required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        self.fields["proposing_body"].queryset = Organization.objects.filter(
            kind__in=Organization.CONGRESS_KINDS
        ).order_by("sort_order", "name")
        council = Organization.objects.filter(kind=Organization.Kind.CHAIRPERSONS_COUNCIL).first()
        if council is not None:
            self.fields["proposing_body"].initial = council.pk


class MatterFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    category = model_choice_field(_("类别"), Category.objects.none(), empty_label=_("全部"))
    kind = choice_field(_("事项类型"), MatterKind.choices, required=False, blank=_("全部"))
    status = choice_field(_("状态"), MatterStatus.choices, required=False, blank=_("全部"))
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label=_("仅看逾期未提请"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
