"""Forms of the year's deputy-work plan (§2.8) and reports to voters (述职, §2.5) pages.

They parse input; the actions re-check every rule.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.people.models import Deputy

from .forms import _deputy_field, _seated_deputies
from .models import VoterReport


def _count_field(label, *, required: bool = False, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100_000,
        required=required,
        error_messages=field_messages(label),
        help_text=help_text,
    )


class PlanTextForm(forms.Form):
    title = char_field(_("标题"), 120, required=True, help_text=_("如2027年度代表工作计划。"))
    body = char_field(
        _("计划正文"),
        20000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("主任会议通过后不能修改，公布后在公众网站全文刊登；最多20000字。"),
    )


class PlanCreateForm(PlanTextForm):
    year = forms.IntegerField(
        label=_("年度"),
        min_value=2000,
        max_value=2100,
        error_messages=field_messages(_("年度")),
        help_text=_("每个年度一份计划。"),
    )
    field_order = ["year", "title", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year + 1)


class PlanAdoptForm(forms.Form):
    adopted_on = date_field(_("通过日期"))
    meeting = model_choice_field(_("主任会议"), None, required=False)

    def __init__(self, *args, **kwargs):
        from renda.meetings.models import Meeting

        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].help_text = _("不晚于今天。")
        self.fields["meeting"].help_text = _(
            "在平台登记的主任会议可以选择，通过日期应与会议日期一致；未登记的可不选。"
        )
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.CHAIRPERSONS_COUNCIL
        ).order_by("-starts_on", "-id")


class VoterReportForm(forms.Form):
    deputy = _deputy_field([Deputy.Status.ACTIVE])
    unit = char_field(
        _("选区或选举单位"),
        120,
        required=True,
        help_text=_("代表向其述职的选区或原选举单位，如第三选区（清河街道）。"),
    )
    held_on = date_field(_("述职日期"))
    place = char_field(_("地点"), 120, required=True, help_text=_("如清河街道代表联络站。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = _seated_deputies([Deputy.Status.ACTIVE])
        self.fields["held_on"].help_text = _(
            "在本届任期内；安排后即在公众网站公布。已经举行的述职按实际日期登记后记录。"
        )


class VoterReportRecordForm(forms.Form):
    text = char_field(
        _("述职报告"),
        20000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("在公众网站公布，最多20000字。"),
    )
    attendance = _count_field(
        _("参加人数"), required=True, help_text=_("到会的选民或选举单位代表人数。")
    )
    satisfied = _count_field(_("满意"))
    basically = _count_field(_("基本满意"))
    unsatisfied = _count_field(
        _("不满意"), help_text=_("测评票数之和不能多于参加人数；未测评的不填。")
    )


class VoterReportFilterForm(forms.Form):
    status = choice_field(_("状态"), VoterReport.Status.choices, required=False, blank=_("全部"))
    year = forms.IntegerField(
        label=_("年度"), required=False, min_value=2000, max_value=2100,
        error_messages=field_messages(_("年度")),
    )  # fmt: skip
