"""Filing review of normative documents (备案审查) API: filings, reviews and review suggestions.

Anonymous callers (and signed-in users without ``filings.view``) see the registered,
public filings only; an enacting body's officer sees their body's filings and files
new ones; the office registers, returns and reviews. Review suggestions may be made
by any signed-in caller (the anonymous channel is the public form, rate-limited) and
followed by anyone holding the tracking code. Writes perform the declared actions of
:mod:`renda.filings.services`; who sees what comes from :mod:`renda.filings.selectors`.
"""

# Registration order is the URL order: "/filing-reviews/similar/…" before "/filing-reviews/{id}".
from . import filings, reviews, suggestions  # noqa: F401
from ._common import router

__all__ = ["router"]
