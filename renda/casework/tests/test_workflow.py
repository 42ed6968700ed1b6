"""The workflow table, without a database."""

from __future__ import annotations

from renda.casework import workflow
from renda.casework.models import CaseStatus as S


def test_main_path_is_allowed():
    path = [S.NEW, S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REPLIED, S.RATED, S.CLOSED]
    for a, b in zip(path, path[1:], strict=False):
        assert workflow.can_move(a, b), (a, b)


def test_final_statuses_go_nowhere():
    for status in workflow.FINAL:
        assert workflow.TRANSITIONS[status] == frozenset()


def test_dissatisfaction_leads_to_rehandling_or_closure_s27():
    assert workflow.TRANSITIONS[S.DISSATISFIED] == {S.REHANDLING, S.CLOSED}
    assert workflow.can_move(S.REHANDLING, S.REPLIED)


def test_withdraw_and_merge_only_before_handling_rule_1_5():
    for action in ("withdraw", "merge"):
        assert workflow.allows(action, S.NEW)
        assert not workflow.allows(action, S.IN_HANDLING)
        assert not workflow.allows(action, S.REPLIED)


def test_return_request_goes_back_where_it_came_from_rule_1_8():
    assert workflow.TRANSITIONS[S.RETURN_REQUESTED] >= {
        S.NEW,
        S.AWAITING_RECEIPT,
        S.RECEIVED,
        S.IN_HANDLING,
    }
    assert not workflow.allows("return_request", S.REPLIED)


def test_reply_only_while_handling():
    assert not workflow.allows("reply", S.AWAITING_RECEIPT)
    assert workflow.allows("reply", S.REHANDLING)
    assert not workflow.allows("reply", S.REPLIED)


def test_every_action_names_a_casework_permission():
    for name, action in workflow.ACTIONS.items():
        assert action.perm.startswith("casework."), name
        assert action.sources, name
