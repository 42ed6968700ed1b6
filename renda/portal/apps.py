from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Position of each public section in the top navigation, in the order of ui.md:
#: 首页, 人大概况, 代表风采, 会议与决定, 代表建议, 监督工作, 备案审查, 立法征求意见,
#: 公开数据, 联系代表. Apps that add a section use the order given here.
PORTAL_NAV_ORDER = {
    "about": 10,
    "deputies": 20,
    "meetings": 30,
    "suggestions": 40,
    "supervision": 50,
    "filings": 60,
    "legislation": 70,
    "open_data": 80,
    "contact": 90,
}


class PortalConfig(AppConfig):
    name = "renda.portal"
    label = "portal"
    verbose_name = _("公众网站")

    def ready(self) -> None:
        from renda.core.navigation import NavItem, register_portal

        register_portal(
            NavItem(_("人大概况"), "portal:about", order=PORTAL_NAV_ORDER["about"]),
            NavItem(_("代表风采"), "portal:deputies", order=PORTAL_NAV_ORDER["deputies"]),
            NavItem(_("会议与决定"), "portal:meetings", order=PORTAL_NAV_ORDER["meetings"]),
            NavItem(_("代表建议"), "portal:suggestions", order=PORTAL_NAV_ORDER["suggestions"]),
            NavItem(_("公开数据"), "portal:open_data", order=PORTAL_NAV_ORDER["open_data"]),
        )
