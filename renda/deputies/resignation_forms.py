"""Forms of the resignation pages (§2.2). They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, date_field, model_choice_field
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from .forms import _deputy_field, _seated_deputies


class ResignationForm(forms.Form):
    deputy = _deputy_field([Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED])
    submitted_on = date_field(_("提出日期"))
    letter = char_field(
        _("辞职请求"),
        4000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("代表书面辞职请求的内容或要点，最多4000字。"),
    )
    ordered = forms.BooleanField(
        label=_("被责令辞职"),
        required=False,
        help_text=_(
            "代表被责令辞职而提出的，勾选此项；接受后同样终止代表资格（代表法第六十二条）。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = _seated_deputies(
            [Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]
        )
        self.fields["submitted_on"].help_text = _("收到书面辞职请求的日期，不晚于今天。")


class PutToVoteForm(forms.Form):
    meeting = model_choice_field(_("常委会会议"), None, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.SC_MEETING,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS],
        ).order_by("starts_on", "id")
        self.fields["meeting"].help_text = _(
            "列入该次会议议程并生成表决，由会议主持人开启；过半数通过即接受辞职，代表职务自表决之日终止。"
        )


class DecisionForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("决定"),
        choices=[("", "—"), ("1", _("接受辞职")), ("0", _("不接受辞职"))],
        coerce=lambda v: v == "1",
        error_messages={"required": _("请选择决定。")},
    )
    decided_on = date_field(_("决定日期"))
    document = char_field(
        _("决定文件"), 200, required=True, help_text=_("选举该代表的人大常委会的决定名称和文号。")
    )


class WithdrawForm(forms.Form):
    reason = char_field(
        _("说明"), 200, required=True, help_text=_("如代表本人书面撤回，最多200字。")
    )
