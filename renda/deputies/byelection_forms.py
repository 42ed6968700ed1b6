"""Forms of the by-election pages (§2.2). They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.people.forms import PersonChoiceField
from renda.people.models import Deputy, Organization, Person
from renda.people.selectors import current_term

from .forms import DeputyChoiceField
from .models import ByElection
from .resignation_forms import PutToVoteForm
from .selectors import BY_ELECTION_FILLS, ENDED_STATUSES


class ByElectionForm(forms.Form):
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("当选人"),
        empty_label="—",
        error_messages=field_messages(_("当选人")),
        help_text=_("先在人员名录中登记当选人的基本情况；已是本届代表的人员不在此列。"),
    )
    vacated = DeputyChoiceField(
        queryset=Deputy.objects.none(),
        label=_("补选的缺额"),
        required=False,
        empty_label="—",
        error_messages=field_messages(_("补选的缺额")),
        help_text=_("出缺的代表；选区或原选举单位未填写的，取该代表的。每个缺额只能补选一次。"),
    )
    held_on = date_field(_("补选日期"))
    constituency = char_field(_("选区"), 80)
    electing_unit = char_field(_("原选举单位"), 80, help_text=_("选区和原选举单位至少填写一项。"))
    delegation = model_choice_field(_("代表团"), Organization.objects.none())
    occupation_category = choice_field(_("代表构成类别"), Deputy.Occupation.choices, blank="—")
    candidates = forms.IntegerField(
        label=_("候选人数"), min_value=1, max_value=99, initial=1,
        error_messages=field_messages(_("候选人数")),
        help_text=_("补选可以实行差额选举，也可以实行等额选举（选举法第五十七条）。"),
    )  # fmt: skip
    result = char_field(
        _("选举结果"), 2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("参加投票人数、当选人得票数等，最多2000字。"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = current_term()
        self.fields["person"].queryset = Person.objects.exclude(mandates__term=term).order_by("name", "id")  # fmt: skip
        self.fields["vacated"].queryset = (
            Deputy.objects.filter(term=term, status__in=ENDED_STATUSES)
            .exclude(by_elections__status__in=BY_ELECTION_FILLS)
            .select_related("person").order_by("person__name", "id")
        )  # fmt: skip
        self.fields["delegation"].queryset = Organization.objects.filter(kind=Organization.Kind.DELEGATION).order_by("name")  # fmt: skip
        self.fields["held_on"].help_text = _("不早于本届开始之日，不晚于今天。")


class ReportForm(forms.Form):
    finding = choice_field(_("审查意见"), ByElection.Finding.choices, blank="—")
    report = char_field(
        _("资格审查报告"), 4000, required=True, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("代表资格审查委员会对补选是否符合法律规定的审查意见，最多4000字。"),
    )  # fmt: skip
    reported_on = date_field(_("报告日期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].help_text = _("不早于补选日期；不填为今天。")


class ByElectionVoteForm(PutToVoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].help_text = _(
            "资格审查报告列入该次会议议程并生成表决，由会议主持人开启；常委会组成人员过半数通过即确认报告的意见：当选有效的，代表资格自此确认并予公告。"
        )


class CancelForm(forms.Form):
    reason = char_field(_("说明"), 200, required=True, help_text=_("如登记有误，最多200字。"))
