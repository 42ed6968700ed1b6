"""Local legislation API (S5): plans, projects and their steps, drafts compared article by
article, public comment per article with its tracking code, contact points."""

from . import comments, consultation, projects  # noqa: F401  (registers the operations)
from ._common import router

__all__ = ["router"]
