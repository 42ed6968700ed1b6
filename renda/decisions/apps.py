"""Major matters, the annual list, decisions and resolutions (重大事项决定)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "renda.decisions"
    label = "decisions"
    verbose_name = _("重大事项")

    def ready(self) -> None:
        from renda.core import approvals
        from renda.core.models import Approval
        from renda.core.navigation import NavItem, register_office
        from renda.core.work import register_work

        from . import rules, statute  # noqa: F401  (registers the permissions and parameters)
        from .models import AnnualList
        from .work import decisions_work

        register_office(
            "decisions",
            _("重大事项"),
            NavItem(
                _("重大事项概览"), "decisions:overview", perm="decisions.view_overview", order=10
            ),
            NavItem(_("年度清单"), "decisions:lists", perm="decisions.view", order=20),
            NavItem(_("重大事项"), "decisions:matters", perm="decisions.view", order=30),
            NavItem(
                _("撤销议案"), "decisions:revocation_create", perm="decisions.manage", order=40
            ),
            order=260,
        )
        register_work(decisions_work)
        # The revised list goes to the party committee for consent before adoption (S2).
        approvals.register(AnnualList, Approval.Kind.PARTY_CONSENT, _("年度重大事项清单"))

        from . import handlers  # noqa: F401  (registers the effects of sealed polls)
