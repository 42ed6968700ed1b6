from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "renda.suggestions"
    label = "suggestions"
    verbose_name = _("代表建议")

    def ready(self) -> None:
        import datetime as dt

        from renda.core import periodic
        from renda.core.navigation import NavItem, register_office
        from renda.core.work import register_work

        from . import (
            rules,  # noqa: F401  (registers the permissions)
            tallies,
        )
        from .work import suggestions_work

        tallies.watch()
        periodic.register(
            "suggestions.statistics_check",
            "renda.suggestions.tallies.check",
            every=dt.timedelta(days=1),
            at=dt.time(1, 15),
        )

        register_work(suggestions_work)

        register_office(
            "suggestions",
            _("代表建议"),
            NavItem(_("代表建议"), "suggestions:list", perm="suggestions.view", order=10),
            NavItem(_("提出建议"), "suggestions:create", perm="suggestions.submit", order=20),
            NavItem(_("导入建议"), "suggestions:import", perm="suggestions.manage", order=25),
            NavItem(
                _("办理统计"),
                "suggestions:statistics",
                perm="suggestions.view_statistics",
                order=30,
            ),
            order=200,
        )
