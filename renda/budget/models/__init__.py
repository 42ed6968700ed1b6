from .calendar import Milestone, Publication
from .figures import Classification, Department, Import, Line, Mapping

__all__ = ["Classification", "Department", "Import", "Line", "Mapping", "Milestone", "Publication"]
