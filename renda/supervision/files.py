"""Who may download a research report's attachment: those who may open the research."""

from renda.core.files import register

from .models import Research


def _research(user, research) -> bool:
    return user.has_perm("supervision.view_overview")


register(Research, "attachment", _research)
