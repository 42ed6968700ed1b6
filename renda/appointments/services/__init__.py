"""Writes of elections and appointments, each a declared action (:mod:`renda.core.actions`)."""

from .after_vote import AFTER_VOTE_ACTIONS, appointment_announce, appointment_issue_certificate
from .appointments import (
    APPOINTMENT_ACTIONS,
    PARTY_CONSENT,
    appointment_carry_vote,
    appointment_defer,
    appointment_move_relief,
    appointment_nominate,
    appointment_put_to_vote,
    appointment_record_statement,
    appointment_record_vote,
    appointment_withdraw,
)
from .elections import (
    ELECTION_ACTIONS,
    election_carry_vote,
    election_nominate,
    election_open,
    election_put_to_vote,
    election_record_vote,
    election_withdraw,
    joint_threshold,
)
from .exams import (
    EXAM_ACTIONS,
    exam_cancel,
    exam_enrol,
    exam_record,
    exam_schedule,
    exam_withdraw,
)
from .oaths import OATH_ACTIONS, oath_add, oath_record, oath_schedule

__all__ = [
    "ELECTION_ACTIONS",
    "election_carry_vote",
    "election_nominate",
    "election_open",
    "election_put_to_vote",
    "election_record_vote",
    "election_withdraw",
    "joint_threshold",
    "OATH_ACTIONS",
    "oath_add",
    "oath_record",
    "oath_schedule",
    "AFTER_VOTE_ACTIONS",
    "appointment_announce",
    "appointment_issue_certificate",
    "APPOINTMENT_ACTIONS",
    "PARTY_CONSENT",
    "appointment_carry_vote",
    "appointment_defer",
    "appointment_move_relief",
    "appointment_nominate",
    "appointment_put_to_vote",
    "appointment_record_statement",
    "appointment_record_vote",
    "appointment_withdraw",
    "EXAM_ACTIONS",
    "exam_cancel",
    "exam_enrol",
    "exam_record",
    "exam_schedule",
    "exam_withdraw",
]
