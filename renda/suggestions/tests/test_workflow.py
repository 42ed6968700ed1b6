"""The declared moves of a suggestion (rules §1.1, §1.5), read from the declarations."""

from renda.suggestions import imports, services, workflow  # noqa: F401  (imports declares its action)
from renda.suggestions.assignment import suggestion_assign
from renda.suggestions.models import SuggestionStatus as S


def _targets(status: str) -> set[str]:
    out: set[str] = set()
    for act in services.actions():
        if act.sources is not None and status in act.sources and act.target:
            out.add(act.target)
    return out - {status}


def test_deputy_may_withdraw_only_before_assignment():
    assert {S.SUBMITTED, S.ACCEPTED} <= services.suggestion_withdraw.sources
    assert S.ASSIGNED not in services.suggestion_withdraw.sources


def test_screening_starts_from_submitted_and_assignment_from_accepted():
    assert _targets(S.SUBMITTED) >= {S.ACCEPTED, S.NOT_ACCEPTED, S.WITHDRAWN, S.SPLIT}
    assert services.suggestion_merge.sources == workflow.PENDING
    assert suggestion_assign.sources == {S.ACCEPTED} and suggestion_assign.target == S.ASSIGNED
    assert S.ASSIGNED not in _targets(S.SUBMITTED)
    assert S.ACCEPTED not in _targets(S.DRAFT)


def test_final_statuses_lead_nowhere():
    for status in workflow.FINAL:
        assert _targets(status) == set(), status


def test_every_action_names_a_permission_of_the_app_a_rule_and_a_label():
    acts = services.actions()
    assert {a.name for a in acts} >= {
        "suggestions.suggestion.accept",
        "suggestions.suggestion.assign",
        "suggestions.suggestion.import",
    }
    for act in acts:
        assert act.permission.split(".")[0] in {"suggestions", "system"}, act.name
        assert act.rule and act.label, act.name
