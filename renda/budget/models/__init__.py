from .audit import AuditFinding
from .calendar import Milestone, Publication
from .figures import Classification, Department, Import, Line, Mapping, Total
from .inquiries import Inquiry

__all__ = [
    "AuditFinding", "Classification", "Department", "Import", "Inquiry", "Line", "Mapping", "Milestone",
    "Publication", "Total",
]  # fmt: skip
