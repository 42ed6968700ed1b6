from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "renda.casework"
    label = "casework"
    verbose_name = _("交办办理")

    def ready(self) -> None:
        from renda.core.navigation import NavItem, register_office
        from renda.core.work import register_work

        from . import rules, statute  # noqa: F401  (registers permissions and parameters)
        from .work import casework_work

        # One entry, open to every signed-in user: the list page links to the queue, the
        # overdue and key lists and the notifications for those who may open them. (An entry
        # a user may not open costs every page a permission lookup.)
        register_office(
            "casework",
            _("交办办理"),
            NavItem(_("办理事项"), "casework:list", perm="casework.view", order=10),
            NavItem(_("本单位待办"), "casework:queue", perm="casework.handle", order=20),
            NavItem(_("逾期事项"), "casework:overdue", perm="casework.manage", order=30),
            NavItem(_("重点督办"), "casework:key", perm="casework.supervise", order=40),
            NavItem(_("消息通知"), "casework:notifications", perm="casework.view", order=50),
            order=150,
        )
        register_work(casework_work)
