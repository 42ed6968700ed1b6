"""Back-office pages of supervision, one module per sub-area."""

from .inquiries import *  # noqa: F403
from .inspections import *  # noqa: F403
from .interpellations import *  # noqa: F403
from .judicial import *  # noqa: F403
from .opinions import *  # noqa: F403
from .overview import *  # noqa: F403
from .plans import *  # noqa: F403
from .reports import *  # noqa: F403
from .research import *  # noqa: F403
