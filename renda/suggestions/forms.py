"""Input parsing for the suggestion pages; the rules stay in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
        label=_("标题"), max_length=200, error_messages=field_messages(_("标题"))
    )
    content = forms.CharField(
        label=_("内容"),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages=field_messages(_("内容")),
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


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(
        label=_("主办单位"),
        queryset=Organization.objects.none(),
        error_messages=field_messages(_("主办单位")),
    )
    co_handlers = forms.ModelMultipleChoiceField(
        label=_("协办单位"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _units()
        self.fields["co_handlers"].queryset = _units()


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
