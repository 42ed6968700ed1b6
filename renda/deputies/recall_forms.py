"""Forms of the recall pages (§2.11). They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, date_field
from renda.core.views import field_messages
from renda.people.models import Deputy

from .forms import _deputy_field, _seated_deputies
from .models import Recall
from .services.recalls import petition_threshold, route_for

SEATED = [Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]


def _count_field(label, *, minimum: int = 0, required: bool = True, help_text="") -> forms.IntegerField:  # fmt: skip
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=100_000_000,
        required=required,
        error_messages=field_messages(label),
        help_text=help_text,
    )


class RecallForm(forms.Form):
    """The petition (a county's deputy) or the recall motion before the electing body (a
    city's deputy): the petitioners' count is asked only where voters petition."""

    deputy = _deputy_field(SEATED)
    filed_on = date_field(_("提出日期"))
    proposer = char_field(_("提出人"), 120, required=True)
    petitioners = _count_field(_("联名选民人数"))
    reasons = char_field(
        _("罢免理由"),
        4000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("罢免要求或罢免案写明的理由，最多4000字。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = _seated_deputies(SEATED)
        self.fields["filed_on"].help_text = _("收到书面罢免要求或罢免案的日期，不晚于今天。")
        if route_for() == Recall.Route.VOTERS:
            self.fields["proposer"].help_text = _("如“原选区选民张某等62人”，最多120字。")
            self.fields["petitioners"].help_text = format_lazy(
                _("在罢免要求上联名的原选区选民人数，须{n}人以上。"), n=petition_threshold()
            )
        else:
            del self.fields["petitioners"]
            self.fields["proposer"].help_text = _(
                "提出罢免案的，如“某区人民代表大会主席团”或“某区人大常委会主任会议”，最多120字。"
            )


class DistributeForm(forms.Form):
    distributed_on = date_field(_("印发选民日期"))
    defence = char_field(
        _("申辩意见"),
        4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("被提出罢免的代表的书面申辩意见，与罢免要求一并印发原选区选民；没有的留空。"),
    )


class VoteForm(forms.Form):
    voted_on = date_field(_("投票日期"))
    electorate = _count_field(
        _("原选区选民总数"),
        minimum=1,
        help_text=_("原选区登记的选民总数：罢免须经其过半数通过，而非参加投票的过半数。"),
    )
    votes_for = _count_field(_("赞成票"), help_text=_("赞成罢免的票数。"))
    votes_against = _count_field(_("反对票"))
    votes_other = _count_field(_("弃权票和无效票"))


class DecisionForm(forms.Form):
    recalled = forms.TypedChoiceField(
        label=_("决定"),
        choices=[("", "—"), ("1", _("罢免")), ("0", _("不罢免"))],
        coerce=lambda v: v == "1",
        error_messages={"required": _("请选择决定。")},
    )
    decided_on = date_field(_("决定日期"))
    document = char_field(
        _("决定文件"),
        200,
        required=True,
        help_text=_("原选举单位（区、县人民代表大会或其常务委员会）的决定名称和文号。"),
    )


class WithdrawForm(forms.Form):
    reason = char_field(
        _("说明"), 200, required=True, help_text=_("如提出人书面撤回罢免要求，最多200字。")
    )
