"""Writes of supervision, one module per sub-area (rules §3, §4.3–§4.6, S8–S11).

Each state change is an action declared with :mod:`renda.core.actions`: permission, lock,
state table, the work, the audit event and after-commit effects in one place. Agenda
items go through :mod:`renda.meetings.services`, polls through
:mod:`renda.voting.services` and the handling of opinions through
:mod:`renda.casework.services`.
"""

from ._common import *  # noqa: F403
from .inquiries import *  # noqa: F403
from .inspections import *  # noqa: F403
from .interpellations import *  # noqa: F403
from .judicial import *  # noqa: F403
from .opinions import *  # noqa: F403
from .plans import *  # noqa: F403
from .reports import *  # noqa: F403
from .research import *  # noqa: F403
