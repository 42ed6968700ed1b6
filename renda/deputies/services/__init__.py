"""Writes of the deputies' domain, each a declared action (:mod:`renda.core.actions`)."""

from .activities import ACTIVITY_ACTIONS, activity_accept, activity_add, activity_reject
from .qualification import (
    QUALIFICATION_ACTIONS,
    qualification_announce,
    qualification_dismiss,
    qualification_open,
    qualification_raise_absences,
    qualification_report,
    qualification_withdraw,
    review_absences,
)
from .suspension import (
    SUSPENSION_ACTIONS,
    restore_due,
    suspension_restore,
    suspension_set_end,
    suspension_start,
)
from .training import (
    COURSE_ACTIONS,
    DEPUTY_ACTIONS,
    training_cancel,
    training_close,
    training_create,
    training_enrol,
    training_join,
    training_record_attendance,
    training_sign_in,
    training_withdraw,
)

__all__ = [
    "COURSE_ACTIONS",
    "DEPUTY_ACTIONS",
    "training_cancel",
    "training_close",
    "training_create",
    "training_enrol",
    "training_join",
    "training_record_attendance",
    "training_sign_in",
    "training_withdraw",
    "ACTIVITY_ACTIONS",
    "activity_accept",
    "activity_add",
    "activity_reject",
    "QUALIFICATION_ACTIONS",
    "SUSPENSION_ACTIONS",
    "qualification_announce",
    "qualification_dismiss",
    "qualification_open",
    "qualification_raise_absences",
    "qualification_report",
    "qualification_withdraw",
    "restore_due",
    "review_absences",
    "suspension_restore",
    "suspension_set_end",
    "suspension_start",
]
