"""The declared actions of budget review and monitoring."""

from .audit import FINDING_ACTIONS, finding_assess, finding_record, finding_report
from .calendar import (
    MILESTONE_ACTIONS,
    PARTY_CONSENT,
    milestone_hear,
    milestone_link_report,
    milestone_plan,
    milestone_schedule,
    milestone_submit,
    publication_publish,
    publication_record,
    publication_state,
)
from .debt import DEBT_ACTIONS, debt_record
from .imports import (
    IMPORT_ACTIONS,
    current,
    import_check,
    import_commit,
    import_discard,
    progress_of,
)
from .inquiries import inquiry_raise
from .tables import (
    classification_import,
    department_create,
    department_update,
    level_of,
    mapping_save,
    parent_code,
)

__all__ = [
    "DEBT_ACTIONS", "debt_record",
    "FINDING_ACTIONS", "finding_assess", "finding_record", "finding_report",
    "inquiry_raise",
    "MILESTONE_ACTIONS", "PARTY_CONSENT", "milestone_hear", "milestone_link_report", "milestone_plan", "milestone_schedule", "milestone_submit",
    "publication_publish", "publication_record", "publication_state",
    "IMPORT_ACTIONS", "classification_import", "current", "department_create", "department_update",
    "import_check", "import_commit", "import_discard", "level_of", "mapping_save", "parent_code",
    "progress_of",
]  # fmt: skip
