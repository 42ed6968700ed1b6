from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "renda.voting"
    label = "voting"
    verbose_name = _("表决")

    def ready(self) -> None:
        from renda.core.work import register_work

        from . import statute  # noqa: F401  (registers the voting parameters)
        from .work import live_votes

        register_work(live_votes)
