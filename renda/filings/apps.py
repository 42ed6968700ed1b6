from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "renda.filings"
    label = "filings"
    verbose_name = _("备案审查")

    def ready(self) -> None:
        from renda.core.navigation import (
            PORTAL_NAV_ORDER,
            NavItem,
            register_office,
            register_portal,
        )
        from renda.core.work import register_work

        from . import rules, statute  # noqa: F401  (registers the permissions and parameters)
        from .work import filings_work

        register_office(
            "filings",
            _("备案审查"),
            NavItem(_("我的备案"), "filings:mine", perm="filings.file", order=10),
            NavItem(_("报送备案"), "filings:create", perm="filings.file", order=15),
            NavItem(_("备案文件"), "filings:list", perm="filings.view_all", order=20),
            NavItem(_("形式审查"), "filings:intake", perm="filings.manage", order=30),
            NavItem(_("逾期报备"), "filings:late", perm="filings.view", order=35),
            NavItem(_("修改后报告"), "filings:amend_reports", perm="filings.view", order=37),
            NavItem(_("审查工作台"), "filings:reviews", perm="filings.manage", order=40),
            NavItem(_("审查建议"), "filings:suggestions", perm="filings.manage", order=50),
            NavItem(_("年度工作"), "filings:annual", perm="filings.manage", order=60),
            order=260,
        )
        register_portal(NavItem(_("备案审查"), "portal:filings", order=PORTAL_NAV_ORDER["filings"]))
        register_work(filings_work)

        from renda.casework.sweep import register_daily

        from . import handlers  # noqa: F401  (registers the effects of sealed polls and replies)
        from .services import amend_report_sweep

        register_daily("filings", amend_report_sweep)
