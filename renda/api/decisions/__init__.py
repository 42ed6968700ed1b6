"""Major matters, the annual list, decisions and resolutions (重大事项决定) API.

Published annual lists and published decisions are public; anonymous callers (and
signed-in users without ``decisions.view``) see only those. Matters are read by the
SC side and by the government for its own (see :mod:`renda.decisions.selectors`).
Writes are the actions declared in :mod:`renda.decisions.services`.
"""

from . import decisions, lists, matters  # noqa: F401
from ._common import router

__all__ = ["router"]
