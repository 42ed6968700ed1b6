"""Deputies: their term from qualification to its end (代表法; rules.md §2)."""

import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "renda.deputies"
    label = "deputies"
    verbose_name = _("代表工作")

    def ready(self) -> None:
        from renda.core import periodic
        from renda.core.navigation import NavItem, register_office
        from renda.core.work import register_work

        from . import handlers, rules  # noqa: F401  (registers the effects and permissions)
        from .work import deputies_work

        register_office(
            "deputies",
            _("代表工作"),
            NavItem(_("我的代表工作"), "deputies:home", perm="deputies.own_record", order=4),
            NavItem(_("我的履职档案"), "deputies:my_record", perm="deputies.own_record", order=5),
            NavItem(_("我的培训"), "deputies:my_training", perm="deputies.train", order=6),
            NavItem(_("我的双联系"), "deputies:my_contacts", perm="deputies.own_contacts", order=7),
            NavItem(_("群众来信"), "deputies:messages", perm="deputies.handle_message", order=7),
            NavItem(_("履职档案"), "deputies:records", perm="deputies.view_records", order=8),
            NavItem(
                _("履职活动审核"), "deputies:activities", perm="deputies.review_activity", order=9
            ),
            NavItem(_("履职学习培训"), "deputies:courses", perm="deputies.view", order=9),
            NavItem(_("代表联络站"), "deputies:stations", perm="deputies.view", order=9),
            NavItem(_("双联系"), "deputies:contacts", perm="deputies.view_contacts", order=9),
            NavItem(_("代表述职"), "deputies:reports", perm="deputies.view", order=9),
            NavItem(_("年度代表工作计划"), "deputies:plans", perm="deputies.view", order=9),
            NavItem(_("代表资格事项"), "deputies:matters", perm="deputies.view", order=10),
            NavItem(_("暂停执行职务"), "deputies:suspensions", perm="deputies.view", order=20),
            NavItem(_("辞去代表职务"), "deputies:resignations", perm="deputies.view", order=21),
            NavItem(_("代表缺额"), "deputies:vacancies", perm="deputies.view", order=22),
            NavItem(_("补选代表"), "deputies:byelections", perm="deputies.view", order=22),
            NavItem(_("罢免代表"), "deputies:recalls", perm="deputies.view", order=23),
            order=910,
        )
        register_work(deputies_work)
        periodic.register(
            "deputies.restore_due",
            "renda.deputies.services.restore_due",
            every=dt.timedelta(days=1),
            at=dt.time(0, 10),
            pass_now=True,
        )
        periodic.register(
            "deputies.absence_sweep",
            "renda.deputies.services.qualification.sweep_absences",
            every=dt.timedelta(days=1),
            at=dt.time(0, 15),
        )
