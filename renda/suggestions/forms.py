"""Input parsing for the suggestion pages; the rules stay in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.casework.forms import AssignForm as CaseAssignForm
from renda.core.views import field_messages
from renda.people.models import Organization

from .models import Category, NotAcceptedReason, SuggestionStatus


class SuggestionFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + list(SuggestionStatus.choices)
    )
    category = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部"))] + list(Category.choices)
    )


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("标题"),
        max_length=200,
        error_messages=field_messages(_("标题")),
        help_text=_("不超过 200 字。"),
    )
    content = forms.CharField(
        label=_("内容"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages=field_messages(_("内容")),
        help_text=_("不超过 20000 字。"),
    )
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)


class NotAcceptForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("不予立案理由"),
        choices=NotAcceptedReason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=field_messages(_("不予立案理由")),
    )
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _units():
    return Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by(
        "sort_order", "name"
    )


class AssignForm(CaseAssignForm):
    """The case engine's assignment form, with the units in the office's order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _units()
        self.fields["co_handlers"].queryset = _units()
        if self.initial.get("co_handlers"):
            self.fields["co_handlers"].help_text = _(
                "已按以往交办情况勾选了建议的协办单位，请核对后再交办；"
                "勾选的单位须在协办期限内向主办单位提交意见（规则1.9）。"
            )


class ImportForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("人代会会议"), queryset=None, error_messages=field_messages(_("人代会会议"))
    )
    file = forms.FileField(
        label=_("Excel 文件"),
        error_messages=field_messages(_("Excel 文件")),
        help_text=_("第一行为列名：标题、内容、类别、领衔代表、联名代表；xlsx，不超过 5 MB。"),
    )

    def __init__(self, *args, **kwargs):
        from renda.meetings.models import Meeting

        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.CONGRESS_SESSION
        ).order_by("-starts_on")


class AttachmentForm(forms.Form):
    upload = forms.FileField(
        label=_("附件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.png,.txt"}),
        error_messages=field_messages(_("附件")),
        help_text=_(
            "PDF、Word（docx）、Excel（xlsx）、图片（jpg、png）或文本文件，每个不超过 10 MB，每件建议最多 10 个。"
        ),
    )


class MergeForm(forms.Form):
    """The suggestions merged into this one, chosen from the pending ones of the same term."""

    others = forms.ModelMultipleChoiceField(
        label=_("并入的建议"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            **field_messages(_("并入的建议")),
            "invalid_pk_value": _("所选建议无效。"),
        },
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["others"].queryset = candidates


#: How many parts the split page offers (two at least must be filled).
SPLIT_SLOTS = 5


class SplitForm(forms.Form):
    """The parts of a split, each with its title and text; empty slots are left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, SPLIT_SLOTS + 1):
            self.fields[f"title_{n}"] = forms.CharField(
                label=_("第 {n} 部分标题").format(n=n),
                max_length=200,
                required=False,
                error_messages=field_messages(_("标题")),
            )
            self.fields[f"content_{n}"] = forms.CharField(
                label=_("第 {n} 部分内容").format(n=n),
                max_length=20_000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages=field_messages(_("内容")),
            )

    def clean(self):
        data = super().clean()
        parts = []
        for n in range(1, SPLIT_SLOTS + 1):
            title = (data.get(f"title_{n}") or "").strip()
            content = (data.get(f"content_{n}") or "").strip()
            if title or content:
                if not (title and content):
                    self.add_error(
                        f"title_{n}" if not title else f"content_{n}",
                        _("每一部分都要有标题和内容。"),
                    )
                parts.append((title, content))
        if len(parts) < 2:
            raise forms.ValidationError(_("拆分至少需要两部分。"), code="split_needs_parts")
        data["parts"] = parts
        return data

    def slots(self):
        return [(self[f"title_{n}"], self[f"content_{n}"]) for n in range(1, SPLIT_SLOTS + 1)]
