"""Budget and final-accounts review with budget-execution monitoring (预决算审查监督; S7, §4)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "renda.budget"
    label = "budget"
    verbose_name = _("预算审查监督")

    def ready(self) -> None:
        from renda.core.navigation import (
            PORTAL_NAV_ORDER,
            NavItem,
            register_office,
            register_portal,
        )

        from . import files, rules, statute  # noqa: F401  (registers files, permissions, parameters)

        register_office(
            "budget",
            _("预算审查监督"),
            NavItem(_("预算执行监督"), "budget:monitor", perm="budget.view", order=1),
            NavItem(_("执行偏离预警"), "budget:deviations", perm="budget.view", order=2),
            NavItem(_("预算调整和科目流用"), "budget:adjustments", perm="budget.view", order=2),
            NavItem(_("预算执行询问"), "budget:inquiries", perm="budget.view", order=2),
            NavItem(_("预算工作日程"), "budget:calendar", perm="budget.view", order=3),
            NavItem(_("预决算公开"), "budget:publications", perm="budget.view", order=4),
            NavItem(_("审计查出问题整改"), "budget:findings", perm="budget.view", order=4),
            NavItem(_("政府债务"), "budget:debt", perm="budget.view", order=4),
            NavItem(_("数据概况"), "budget:index", perm="budget.view", order=5),
            NavItem(_("数据导入"), "budget:imports", perm="budget.view", order=10),
            NavItem(_("收支分类与部门"), "budget:classifications", perm="budget.view", order=20),
            order=907,
        )
        from renda.core import approvals
        from renda.core.models import Approval

        from .models import Milestone

        approvals.register(Milestone, Approval.Kind.PARTY_CONSENT, _("预算审查工作节点"))
        from renda.core.work import register_work

        from .work import budget_work

        register_work(budget_work)
        register_portal(NavItem(_("预决算"), "portal:budget", order=PORTAL_NAV_ORDER["budget"]))
