"""Forms of the election pages (§7.2–§7.4). They parse input; the actions re-check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, model_choice_field
from renda.core.views import field_messages
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Person
from renda.voting.models import Poll

from .appointment_forms import PostChoiceField
from .forms import PersonChoiceField
from .models import Nomination


class OpenForm(forms.Form):
    meeting = model_choice_field(_("大会会议"), None, required=True)
    post = PostChoiceField(
        queryset=None, label=_("选举职务"), empty_label="—", error_messages=field_messages(_("选举职务")),
    )  # fmt: skip
    seats = forms.IntegerField(
        label=_("应选人数"), min_value=1, max_value=99, error_messages=field_messages(_("应选人数")),
        help_text=_("1至99人。"),
    )  # fmt: skip
    office_kind = choice_field(_("职务类别（差额规则）"), Poll.OfficeKind.choices, blank="—")

    def __init__(self, *args, **kwargs):
        from renda.people.models import Post

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.CONGRESS_SESSION,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS],
        ).order_by("starts_on", "id")
        self.fields["meeting"].help_text = _("尚未闭会的人民代表大会会议。")
        self.fields["post"].queryset = (
            Post.objects.filter(elected_or_appointed=True)
            .select_related("organization").order_by("organization__name", "sort_order", "id")
        )  # fmt: skip
        self.fields["office_kind"].help_text = _(
            "决定候选人的差额：正职可多一人（只有一人时可等额），副职多一至三人，常委会委员多十分之一至五分之一（规则7.2）。"
        )


class DeputyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Deputy) -> str:
        return obj.person.name


class NominateForm(forms.Form):
    person = PersonChoiceField(
        queryset=None, label=_("候选人"), empty_label="—", error_messages=field_messages(_("候选人")),
        help_text=_("先在人员名录中登记。"),
    )  # fmt: skip
    by = choice_field(_("提名方式"), Nomination.By.choices, blank="—")
    deputies = DeputyChoiceField(
        queryset=None, label=_("联名代表"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip

    def __init__(self, *args, term=None, threshold: int = 20, seats: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "id")
        self.fields["deputies"].queryset = (
            Deputy.objects.filter(term=term, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED])
            .select_related("person").order_by("person__name", "id")
        )  # fmt: skip
        self.fields["deputies"].help_text = _(
            "代表联名提名须有{n}名以上本届代表联名；主席团和每名代表提名的候选人均不得多于应选人数（{seats}人，规则7.3）。按住Ctrl或⌘多选。"
        ).format(n=threshold, seats=seats)


class WithdrawForm(forms.Form):
    reason = char_field(_("说明"), 200, required=True, help_text=_("主席团的决定，最多200字。"))
