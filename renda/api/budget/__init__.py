"""Budget figures (S7, §4.8): imports with their check and commit, the classification table,
the budget departments and the column mappings. The office and the members read; the budget
staff import. Workbooks travel as multipart ``workbook``."""

from . import calendar, debt, imports, monitoring, public, tables  # noqa: F401  (operations on the router)
from ._common import router

__all__ = ["router"]
