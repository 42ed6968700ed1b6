from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "renda.supervision"
    label = "supervision"
    verbose_name = _("监督工作")

    def ready(self) -> None:
        from renda.core.navigation import (
            PORTAL_NAV_ORDER,
            NavItem,
            register_office,
            register_portal,
        )

        from . import (
            rules,  # noqa: F401  (registers the permissions)
            statute,  # noqa: F401  (registers the parameters)
        )

        register_office(
            "supervision",
            _("监督工作"),
            NavItem(
                _("监督工作总览"),
                "supervision:overview",
                perm="supervision.view_overview",
                order=10,
            ),
            NavItem(
                _("年度监督计划"), "supervision:plans", perm="supervision.view_overview", order=20
            ),
            NavItem(
                _("专项工作报告"), "supervision:reports", perm="supervision.view_overview", order=30
            ),
            NavItem(_("审议意见"), "supervision:opinions", perm="supervision.view", order=40),
            NavItem(
                _("执法检查"), "supervision:inspections", perm="supervision.view_overview", order=50
            ),
            NavItem(
                _("专题调研"), "supervision:research", perm="supervision.view_overview", order=55
            ),
            NavItem(
                _("专题询问"), "supervision:inquiries", perm="supervision.view_overview", order=60
            ),
            NavItem(
                _("专题询问议题建议"),
                "supervision:inquiry_topics",
                perm="supervision.propose_topic",
                order=65,
            ),
            NavItem(
                _("质询案"),
                "supervision:interpellations",
                perm="supervision.interpellate",
                order=70,
            ),
            NavItem(
                _("司法监督"), "supervision:judicial", perm="supervision.view_overview", order=80
            ),
            order=250,
        )
        register_portal(
            NavItem(_("监督工作"), "portal:supervision", order=PORTAL_NAV_ORDER["supervision"])
        )

        from renda.core.work import register_work

        from .work import supervision_work

        register_work(supervision_work)

        from . import handlers  # noqa: F401  (registers the effects of sealed polls)
