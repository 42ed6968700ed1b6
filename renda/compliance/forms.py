"""The form of the party committee's meetings; the action re-checks every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, date_field

from .models import PartyMeeting


class PartyMeetingForm(forms.Form):
    kind = choice_field(_("事项"), PartyMeeting.Kind.choices)
    held_on = date_field(_("召开日期"))
    title = char_field(_("会议名称"), 200, required=True)
    note = forms.CharField(label=_("主要内容"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].help_text = _("不能晚于今天。")
