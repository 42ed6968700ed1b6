"""Forms of the public website."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.people.models import Organization

MAX_QUERY_LENGTH = 50


class DeputySearchForm(forms.Form):
    """Search and filters of the deputies directory; every field is optional."""

    q = forms.CharField(
        label=_("姓名、单位或职务"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    delegation = forms.ChoiceField(label=_("代表团"), required=False)
    constituency = forms.ChoiceField(label=_("选区"), required=False)

    def __init__(self, *args, delegations: list[Organization], constituencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._delegations = {d.code: d for d in delegations}
        self.fields["delegation"].choices = [
            ("", _("全部代表团")),
            *((d.code, d.name) for d in delegations),
        ]
        self.fields["constituency"].choices = [
            ("", _("全部选区")),
            *((c, c) for c in constituencies),
        ]

    def filters(self) -> dict:
        """Return the valid filters; an invalid one is dropped and reported on its field."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "delegation": self._delegations.get(data.get("delegation") or ""),
            "constituency": data.get("constituency") or "",
        }
