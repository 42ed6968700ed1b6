"""Elections and appointments (选举任免; rules.md §7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "renda.appointments"
    label = "appointments"
    verbose_name = _("选举任免")

    def ready(self) -> None:
        from renda.core import approvals
        from renda.core.models import Approval
        from renda.core.navigation import NavItem, register_office

        from . import handlers, rules, statute  # noqa: F401  (registers effects, permissions, parameters)
        from .models import Appointment

        approvals.register(Appointment, Approval.Kind.PARTY_CONSENT, _("任免事项"))

        register_office(
            "appointments",
            _("选举任免"),
            NavItem(_("选举事项"), "appointments:elections", perm="appointments.view", order=3),
            NavItem(_("任免事项"), "appointments:appointments", perm="appointments.view", order=5),
            NavItem(
                _("拟任免人员情况"),
                "appointments:candidates",
                perm="appointments.read_candidates",
                order=7,
            ),
            NavItem(
                _("任前法律知识考试"), "appointments:exams", perm="appointments.view", order=10
            ),
            NavItem(_("宪法宣誓"), "appointments:ceremonies", perm="appointments.view", order=20),
            order=905,
        )
