"""Budget and final-accounts review with budget-execution monitoring (预决算审查监督; S7, §4)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "renda.budget"
    label = "budget"
    verbose_name = _("预算审查监督")

    def ready(self) -> None:
        from . import files, rules  # noqa: F401  (registers the stored files, permissions)
