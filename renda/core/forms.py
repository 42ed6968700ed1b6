"""Form-field builders whose errors name the field in Chinese (and English)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .views import DateInput, field_messages


def char_field(label, max_length: int, *, required: bool = False, **kwargs) -> forms.CharField:
    messages = field_messages(label)
    messages["max_length"] = format_lazy(
        _("{label}不能超过{max}个字符。"), label=label, max=max_length
    )
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=messages, **kwargs
    )


def choice_field(label, choices, *, required: bool = True, blank=None) -> forms.ChoiceField:
    if blank is not None:
        choices = [("", blank), *choices]
    return forms.ChoiceField(
        label=label, choices=choices, required=required, error_messages=field_messages(label)
    )


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), error_messages=field_messages(label)
    )


def model_choice_field(
    label, queryset, *, required: bool = False, empty_label="—"
) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label=empty_label,
        error_messages=field_messages(label),
    )
