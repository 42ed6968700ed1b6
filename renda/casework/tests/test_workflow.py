"""The declared moves of a case (rules §1.1–§1.12, S27), read from the declarations."""

from __future__ import annotations

from renda.casework import services as cw
from renda.casework import workflow
from renda.casework.models import CaseStatus as S


def _targets(status: str) -> set[str]:
    out: set[str] = set()
    for act in cw.actions():
        if act.sources is not None and status not in act.sources:
            continue
        out |= {act.target} if act.target else set(act.outcomes or ())
    return out - {status}


def test_main_path_is_declared():
    path = [S.NEW, S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING, S.REPLIED, S.RATED, S.CLOSED]
    assert cw.case_assign.sources == {S.NEW} and cw.case_assign.target == S.AWAITING_RECEIPT
    for a, b in zip(path[1:], path[2:], strict=False):
        if b == S.RATED:
            continue  # the lead requester's rating (casework.case.rate, its precondition)
        assert b in _targets(a), (a, b)


def test_final_statuses_go_nowhere():
    for status in workflow.FINAL - {S.CLOSED}:
        assert _targets(status) == set(), status
    assert _targets(S.CLOSED) == set()


def test_dissatisfaction_leads_to_rehandling_or_closure_s27():
    assert cw.dissatisfaction_verify.sources == {S.DISSATISFIED}
    assert cw.dissatisfaction_verify.outcomes == {S.REHANDLING, S.CLOSED}
    assert S.REPLIED in _targets(S.REHANDLING)


def test_withdraw_and_merge_only_before_handling_rule_1_5():
    for act in (cw.case_withdraw, cw.case_merge):
        assert S.NEW in act.sources
        assert S.IN_HANDLING not in act.sources and S.REPLIED not in act.sources


def test_return_request_goes_back_where_it_came_from_rule_1_8():
    assert {S.AWAITING_RECEIPT, S.RECEIVED, S.IN_HANDLING} <= workflow.RETURN_REJECT_TARGETS
    assert S.REPLIED not in workflow.RETURNABLE


def test_reply_only_while_handling():
    assert S.AWAITING_RECEIPT not in cw.reply_submit.sources
    assert S.REHANDLING in cw.reply_submit.sources
    assert S.REPLIED not in cw.reply_submit.sources


def test_every_action_names_a_casework_permission_a_rule_and_a_label():
    names = {act.name for act in cw.actions()}
    assert names >= {f"casework.case.{verb}" for verb in ("assign", "verify", "close")}
    for act in cw.actions():
        assert act.permission.startswith("casework."), act.name
        assert act.rule and act.label, act.name
        assert act.audit.startswith("casework.case."), act.name
