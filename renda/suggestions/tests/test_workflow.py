"""The suggestion workflow table, without a database (rules §1.1, §1.5)."""

from renda.suggestions import workflow
from renda.suggestions.models import SuggestionStatus as S


def test_deputy_may_withdraw_only_before_assignment():
    assert workflow.allows("withdraw", S.SUBMITTED)
    assert workflow.allows("withdraw", S.ACCEPTED)
    assert not workflow.allows("withdraw", S.ASSIGNED)


def test_screening_starts_from_submitted_and_assignment_from_accepted():
    assert workflow.TRANSITIONS[S.SUBMITTED] >= {
        S.ACCEPTED,
        S.NOT_ACCEPTED,
        S.WITHDRAWN,
        S.MERGED,
        S.SPLIT,
    }
    assert workflow.can_move(S.ACCEPTED, S.ASSIGNED)
    assert not workflow.can_move(S.SUBMITTED, S.ASSIGNED)
    assert not workflow.can_move(S.DRAFT, S.ACCEPTED)


def test_final_statuses_lead_nowhere():
    for status in workflow.FINAL:
        assert workflow.TRANSITIONS[status] == frozenset()


def test_every_action_names_a_permission_of_the_app():
    assert {a.perm.split(".")[0] for a in workflow.ACTIONS.values()} == {"suggestions"}
