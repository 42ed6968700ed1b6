from .calendar import Milestone, Publication
from .figures import Classification, Department, Import, Line, Mapping
from .inquiries import Inquiry

__all__ = [
    "Classification",
    "Department",
    "Import",
    "Inquiry",
    "Line",
    "Mapping",
    "Milestone",
    "Publication",
]
