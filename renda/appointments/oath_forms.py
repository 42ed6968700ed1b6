"""Forms of the oath pages (§7.12). They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, date_field
from renda.core.views import field_messages
from renda.people.models import Person

from .forms import PersonChoiceField
from .models import Appointment, OathTaker


class CeremonyForm(forms.Form):
    held_on = date_field(_("宣誓日期"))
    place = char_field(_("地点"), 120, required=True, help_text=_("公开举行；悬挂国旗或国徽。"))


class AppointmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        return f"{obj.person.name} · {obj.post}"


class AddForm(forms.Form):
    appointment = AppointmentChoiceField(
        queryset=Appointment.objects.none(), label=_("任命事项"), empty_label="—",
        error_messages=field_messages(_("任命事项")),
        help_text=_("任命已生效、尚未宣誓的人员；暂缓、撤回或未获通过的不能宣誓。"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        done = OathTaker.objects.filter(status__in=["listed", "sworn"]).values("appointment_id")
        self.fields["appointment"].queryset = (
            Appointment.objects.filter(status="appointed", membership__end_date__isnull=True)
            .exclude(Q(membership=None) | Q(pk__in=done))
            .select_related("person", "post__organization").order_by("-decided_on", "id")
        )  # fmt: skip


class RecordForm(forms.Form):
    led_by = PersonChoiceField(
        queryset=Person.objects.none(), label=_("监誓人"), empty_label="—",
        error_messages=field_messages(_("监誓人")), help_text=_("一般为常委会主任或副主任。"),
    )  # fmt: skip
    witnesses = char_field(_("见证人员"), 200, help_text=_("参加仪式的常委会组成人员等，最多200字。"))  # fmt: skip
    absent = forms.MultipleChoiceField(
        label=_("未到场人员"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("勾选未到场的人员，另行安排宣誓；其余人员登记为已宣誓。"),
    )  # fmt: skip

    def __init__(self, *args, ceremony=None, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.people.models import Membership, Organization

        leaders = Membership.objects.filter(
            organization__kind=Organization.Kind.STANDING_COMMITTEE,
            role__in=["chair", "vice_chair"], end_date__isnull=True,
        ).values("person_id")  # fmt: skip
        self.fields["led_by"].queryset = Person.objects.filter(pk__in=leaders).order_by("name")
        takers = ceremony.takers.filter(status="listed").select_related("appointment__person") if ceremony else []  # fmt: skip
        self.fields["absent"].choices = [(str(t.appointment_id), t.appointment.person.name) for t in takers]  # fmt: skip

    def clean_absent(self):
        return [int(v) for v in self.cleaned_data.get("absent") or []]
