from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from renda.core.navigation import PORTAL_NAV_ORDER


class PortalConfig(AppConfig):
    name = "renda.portal"
    label = "portal"
    verbose_name = _("公众网站")

    def ready(self) -> None:
        from renda.core.navigation import NavItem, register_office, register_portal

        from . import handlers, services  # noqa: F401  (declare the actions and effects)

        register_office(
            "publicity",
            _("信息发布"),
            NavItem(_("新闻公告"), "news:list", perm="portal.publish_news", order=5),
        )
        register_portal(
            NavItem(_("新闻公告"), "portal:news", order=PORTAL_NAV_ORDER["news"]),
            NavItem(_("人大概况"), "portal:about", order=PORTAL_NAV_ORDER["about"]),
            NavItem(_("代表风采"), "portal:deputies", order=PORTAL_NAV_ORDER["deputies"]),
            NavItem(_("联系代表"), "portal:stations", order=PORTAL_NAV_ORDER["contact"]),
            NavItem(_("会议与决定"), "portal:meetings", order=PORTAL_NAV_ORDER["meetings"]),
            NavItem(_("代表建议"), "portal:suggestions", order=PORTAL_NAV_ORDER["suggestions"]),
            NavItem(_("立法征求意见"), "portal:legislation", order=PORTAL_NAV_ORDER["legislation"]),
            NavItem(_("公开数据"), "portal:open_data", order=PORTAL_NAV_ORDER["open_data"]),
        )
