from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, using="default", **kwargs):
    from .search import ensure_search_indexes

    ensure_search_indexes(using)


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from . import approvals  # noqa: F401  (declares the approval actions)
        from .navigation import NavItem, register_office

        _empty_choices_in_words()
        # Infrastructure, not domain flow: keep search indexes in step with the schema.
        post_migrate.connect(_after_migrate, dispatch_uid="renda.core.search_indexes")
        register_office(
            "settings",
            _("设置"),
            NavItem(_("用户与角色"), "users:list", perm="accounts.manage_users", order=5),
            NavItem(_("审计日志"), "core:audit_list", perm="core.view_audit", order=10),
            NavItem(_("工作日历"), "core:calendar", perm="core.manage_calendar", order=20),
            NavItem(_("规则参数"), "core:rules", perm="core.view_audit", order=30),
            NavItem(_("外部审批"), "core:approvals", perm="core.view_approvals", order=40),
            order=1000,
        )


def _empty_choices_in_words() -> None:
    """Every empty choice reads 请选择 (Please choose), never Django's "---------".

    Django spells the empty choice in two constants: the blank choice of model fields with
    choices (``BLANK_CHOICE_DASH``, the default argument of ``Field.get_choices``, changed
    in place) and ``ModelChoiceField``'s ``empty_label`` default. A form that names its
    own empty label (全部, 无, …) keeps it. The route walker fails on any page with the dashes.
    """
    from django import forms
    from django.db.models import fields

    please = _("请选择")
    fields.BLANK_CHOICE_DASH[0] = ("", please)
    forms.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = please
