"""Who may download a filed normative document: it follows the filing."""

from renda.core.files import register

from .models import Filing
from .selectors import filings_visible_to


def _filing(user, filing) -> bool:
    return user.has_perm("filings.view") and (
        filings_visible_to(user).filter(pk=filing.pk).exists()
    )


register(Filing, "file", _filing)
