from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "renda.meetings"
    label = "meetings"
    verbose_name = _("会议")

    def ready(self) -> None:
        from renda.core import approvals
        from renda.core.models import Approval
        from renda.core.navigation import NavItem, register_office
        from renda.core.work import register_work

        from . import statute  # noqa: F401  (registers the meeting parameters)
        from .models import Meeting
        from .work import meeting_work

        # S2: the party committee's consent to a congress session and its agenda, recorded on
        # the session's page and read back by the compliance view.
        approvals.register(Meeting, Approval.Kind.PARTY_CONSENT, _("人民代表大会会议及其议程"))

        register_office(
            "meetings",
            _("会议与表决"),
            NavItem(_("会议"), "meetings:list", perm="meetings.view", order=10),
            NavItem(_("会议日历"), "meetings:calendar", perm="meetings.view", order=20),
            NavItem(
                _("会议概览与频次检查"),
                "meetings:overview",
                perm="meetings.view_overview",
                order=30,
            ),
            NavItem(_("安排会议"), "meetings:create", perm="meetings.manage", order=40),
            NavItem(_("列席人员库"), "meetings:pool", perm="meetings.manage", order=50),
            order=100,
        )
        register_work(meeting_work)
