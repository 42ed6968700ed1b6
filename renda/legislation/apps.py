"""Local legislation (地方立法; S5)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    label = "legislation"
    verbose_name = _("地方立法")

    def ready(self) -> None:
        from renda.core import approvals
        from renda.core.models import Approval
        from renda.core.navigation import NavItem, register_office

        from . import handlers, rules, statute  # noqa: F401  (registers effects, permissions, parameters)
        from .models import Plan

        approvals.register(Plan, Approval.Kind.PARTY_CONSENT, _("立法规划计划"))

        register_office(
            "legislation",
            _("地方立法"),
            NavItem(_("立法项目"), "legislation:projects", perm="legislation.view", order=5),
            NavItem(_("立法规划计划"), "legislation:plans", perm="legislation.view", order=10),
            NavItem(_("公众意见"), "legislation:comments", perm="legislation.manage", order=20),
            NavItem(
                _("基层立法联系点"), "legislation:contact_points", perm="legislation.view", order=30
            ),
            NavItem(_("立法专家库"), "legislation:experts", perm="legislation.view", order=40),
            order=906,
        )
