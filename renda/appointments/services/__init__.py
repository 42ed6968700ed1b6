"""Writes of elections and appointments, each a declared action (:mod:`renda.core.actions`)."""

from .exams import (
    EXAM_ACTIONS,
    exam_cancel,
    exam_enrol,
    exam_record,
    exam_schedule,
    exam_withdraw,
)

__all__ = [
    "EXAM_ACTIONS",
    "exam_cancel",
    "exam_enrol",
    "exam_record",
    "exam_schedule",
    "exam_withdraw",
]
