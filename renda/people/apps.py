from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "renda.people"
    label = "people"
    verbose_name = _("人员与机构")

    def ready(self) -> None:
        from renda.core.navigation import NavItem, register_office, register_site_name

        from .selectors import jurisdiction_name

        register_site_name(jurisdiction_name)

        register_office(
            "people",
            _("人员与机构"),
            NavItem(_("代表名册"), "people:deputy_list", perm="people.view_directory", order=10),
            NavItem(_("新增代表"), "people:deputy_create", perm="people.manage", order=15),
            NavItem(_("人员"), "people:person_list", perm="people.view_directory", order=20),
            NavItem(_("机构"), "people:organization_list", perm="people.view_directory", order=30),
            NavItem(_("代表构成"), "people:composition", perm="people.view_composition", order=40),
            order=900,
        )
