from .audit import AuditFinding
from .calendar import Milestone, Publication
from .debt import DebtFigure
from .figures import Classification, Department, Import, Line, Mapping, Total
from .inquiries import Inquiry

__all__ = [
    "AuditFinding", "Classification", "DebtFigure", "Department", "Import", "Inquiry", "Line", "Mapping", "Milestone",
    "Publication", "Total",
]  # fmt: skip
