"""Forms of the appointment pages (§7.6–§7.13). They parse input; the actions re-check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.meetings.models import Meeting
from renda.people.models import Post

from .forms import PersonChoiceField
from .models import Appointment


class PostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Post) -> str:
        return f"{obj.organization.name}{obj.label}"


class NominateForm(forms.Form):
    kind = choice_field(
        _("事项类别"),
        [(Appointment.Kind.APPOINT, _("任命")), (Appointment.Kind.ACTING, _("决定代理"))],
        required=False,
    )
    person = PersonChoiceField(
        queryset=None, label=_("拟任命人员"), empty_label="—",
        error_messages=field_messages(_("拟任命人员")),
        help_text=_("先在人员名录中登记；提请表决前须通过本届任前法律知识考试。"),
    )  # fmt: skip
    post = PostChoiceField(
        queryset=None,
        label=_("拟任职务"),
        empty_label="—",
        error_messages=field_messages(_("拟任职务")),
    )
    nominator = choice_field(_("提请人"), Appointment.Nominator.choices, blank="—")
    nominated_on = date_field(_("提请日期"))
    motion = char_field(
        _("提请任命的说明"), 4000, required=True, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("提请人关于拟任命人员基本情况和提请理由的说明，最多4000字。"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        from renda.people.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "id")
        self.fields["post"].queryset = (
            Post.objects.filter(elected_or_appointed=True)
            .select_related("organization").order_by("organization__name", "sort_order", "id")
        )  # fmt: skip
        self.fields["post"].help_text = _("由人大常委会任命的职务。")
        self.fields["nominated_on"].help_text = _("收到提请任命议案的日期，不晚于今天。")
        self.fields["kind"].initial = Appointment.Kind.APPOINT
        self.fields["kind"].help_text = _("闭会期间正职出缺的，常委会可以决定代理人选。")

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Appointment.Kind.APPOINT


class HoldingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.name} · {obj.organization.name}{obj.post.label} · {obj.start_date:%Y-%m-%d}"


RELIEF_KINDS = [
    (k, label) for k, label in Appointment.Kind.choices if k != Appointment.Kind.APPOINT
]


class ReliefForm(forms.Form):
    kind = choice_field(_("事项类别"), RELIEF_KINDS, blank="—")
    holding = HoldingChoiceField(
        queryset=None, label=_("现任职务"), empty_label="—",
        error_messages=field_messages(_("现任职务")),
        help_text=_("由人大常委会任命、现仍在任的人员和职务；通过后其任职于表决之日结束。"),
    )  # fmt: skip
    nominator = choice_field(_("提请人"), Appointment.Nominator.choices, blank="—")
    nominated_on = date_field(_("提请日期"))
    motion = char_field(
        _("提请的说明"), 4000, required=True, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("免职、撤职的理由，或辞职请求的日期和理由，最多4000字。"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        from renda.people.models import Membership

        super().__init__(*args, **kwargs)
        self.fields["holding"].queryset = (
            Membership.objects.filter(end_date__isnull=True, post__elected_or_appointed=True)
            .select_related("person", "organization", "post")
            .order_by("organization__name", "post__sort_order", "person__name", "id")
        )  # fmt: skip
        self.fields["nominated_on"].help_text = _("收到议案或辞职请求的日期，不晚于今天。")


class StatementForm(forms.Form):
    statement = char_field(
        _("供职发言"), 6000, required=True, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("拟任命人员在会议上的发言稿，最多6000字；列入表决时作为议程事项排在表决之前。"),
    )  # fmt: skip
    in_writing = forms.BooleanField(
        label=_("书面发言（本人不能到会）"), required=False,
        help_text=_("拟任命人员因故不能到会的，可以书面发言（规则7.9）。"),
    )  # fmt: skip


class VoteForm(forms.Form):
    meeting = model_choice_field(_("常委会会议"), None, required=True)

    def __init__(self, *args, lead_days: int = 7, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.SC_MEETING,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS],
        ).order_by("starts_on", "id")
        self.fields["meeting"].help_text = _(
            "须先取得党委同意；议案须在会议举行{days}日前提请，拟任命人员须持有本届有效的考试合格成绩；列入议程后逐人表决，常委会组成人员过半数通过。"
        ).format(days=lead_days)


class DeferForm(forms.Form):
    decided_on = date_field(_("决定日期"))
    reason = char_field(_("暂缓的理由"), 200, required=True, help_text=_("主任会议决定暂缓任命的理由，最多200字。"))  # fmt: skip


class WithdrawForm(forms.Form):
    reason = char_field(_("说明"), 200, required=True, help_text=_("如提请人书面撤回，最多200字。"))  # fmt: skip


class AnnounceForm(forms.Form):
    announcement = char_field(
        _("公告"), 2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("留空则用标准文本：会议决定的日期、被任命人员和职务。最多2000字。"),
    )  # fmt: skip
