"""The casework engine: kinds, cases, assignments and everything a case collects.

One engine serves every item a body must handle and answer (代表建议, 审议意见,
询问跟踪, 执法检查报告, 备案审查纠正…). A client app creates a :class:`CaseKind`
(:func:`renda.casework.kinds.ensure_kind`) and cases of that kind through
:mod:`renda.casework.services`; the case points back at the client's object by
``source_type`` + ``source_id``. Deadlines are stored; overdue is computed on read.

The models live in sub-modules by area and are all re-exported here.
"""

from .cases import Assignment, Case, CaseRequester, Contact
from .choices import (
    _DEFAULT_LABELS,
    DEFAULT_FOLLOW_UP_CLASSES,
    DEFAULT_RESULT_CLASSES,
    AssignmentRole,
    AssignmentStatus,
    CaseStatus,
    DeadlineUnit,
    NotificationKind,
)
from .kinds import CaseKind, _default_follow_up_classes, _default_result_classes
from .notifications import Notification, SupervisionNote
from .replies import Rating, Reply, Verification
from .requests import ExtensionRequest, ReturnRequest, _Request

__all__ = [
    "DEFAULT_FOLLOW_UP_CLASSES",
    "DEFAULT_RESULT_CLASSES",
    "_DEFAULT_LABELS",
    "Assignment",
    "AssignmentRole",
    "AssignmentStatus",
    "Case",
    "CaseKind",
    "CaseRequester",
    "CaseStatus",
    "Contact",
    "DeadlineUnit",
    "ExtensionRequest",
    "Notification",
    "NotificationKind",
    "Rating",
    "Reply",
    "ReturnRequest",
    "SupervisionNote",
    "Verification",
    "_Request",
    "_default_follow_up_classes",
    "_default_result_classes",
]
