"""The compliance view: every rule of the seed and of the statutes evaluated on live data."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The modules of checks, one per area or source of evidence.
CHECKS = (
    "meetings",
    "composition",
    "budget",
    "supervision",
    "records",
    "party",
    "consent",
    "deputies",
    "appointments",
    "votes",
    "proceedings",
    "suggestion_handling",
    "oversight",
    "review",
    "deputy_work",
    "elections",
)


class ComplianceConfig(AppConfig):
    name = "renda.compliance"
    label = "compliance"
    verbose_name = _("规则落实情况")

    def ready(self) -> None:
        import datetime as dt

        from renda.core import periodic
        from renda.core.navigation import NavItem, register_office

        from . import rules, statute  # noqa: F401  (registers the permissions and parameters)

        for name in CHECKS:  # each module registers its checks
            import_module(f"renda.compliance.checks.{name}")

        periodic.register(
            "compliance.watch", "renda.compliance.watch.watch", every=dt.timedelta(days=1),
            at=dt.time(6, 0), pass_now=True,
        )  # fmt: skip
        register_office(
            "compliance",
            _("规则落实情况"),
            NavItem(_("规则落实总览"), "compliance:dashboard", perm="compliance.view", order=1),
            NavItem(_("党委有关会议"), "compliance:party", perm="compliance.view", order=2),
            order=95,
        )
