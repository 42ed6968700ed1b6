from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "renda.voting"
    label = "voting"
    verbose_name = _("表决")

    def ready(self) -> None:
        from . import statute  # noqa: F401  (registers the voting parameters)
