"""The workflow tables, the statute parameters and the consistency aid, without a database."""

from __future__ import annotations

from renda.core.statute import REGISTRY
from renda.filings import similarity, workflow
from renda.filings.models import FilingStatus, SuggestionStatus
from renda.filings.statute import PARAMS


def _transitions(model, statuses):
    from renda.core.actions import declared
    from renda.filings import services  # noqa: F401  (declares the actions)

    return workflow.transitions(declared("filings."), model, statuses)


def test_filing_transitions():
    from renda.filings.models import Filing

    F = FilingStatus
    table = _transitions(Filing, F.values)
    assert table[F.SUBMITTED] == {F.REGISTERED, F.RETURNED, F.TRANSFERRED}
    assert table[F.RETURNED] == {F.SUBMITTED}
    assert table[F.REGISTERED] == {F.CONCLUDED, F.TRANSFERRED, F.REVOKED}
    # A new review of a concluded document puts it under review again.
    assert table[F.CONCLUDED] == {F.REVOKED, F.REGISTERED}
    assert table[F.TRANSFERRED] == frozenset()
    assert table[F.REVOKED] == frozenset()
    assert F.CONCLUDED in workflow.REVIEWABLE and F.RETURNED not in workflow.REVIEWABLE


def test_suggestion_transitions():
    from renda.filings.models import ReviewSuggestion

    S = SuggestionStatus
    table = _transitions(ReviewSuggestion, S.values)
    assert table[S.RECEIVED] == {S.INCOMPLETE, S.UNDER_REVIEW, S.NOT_STARTED, S.TRANSFERRED}
    # The proposer's supplement (INCOMPLETE → RECEIVED) is a public action.
    assert table[S.INCOMPLETE] == {S.RECEIVED, S.NOT_STARTED, S.TRANSFERRED}
    assert table[S.UNDER_REVIEW] == {S.ANSWERED}
    assert table[S.ANSWERED] == frozenset()


def test_every_parameter_cites_rule_5():
    assert {p.rule for p in PARAMS} == {
        "§5.2",
        "§5.4",
        "§5.5",
        "§5.7",
        "§5.8",
        "§5.9",
        "§5.10",
        "§5.11",
    }
    assert REGISTRY["filings.filing_days"].default == 30
    assert REGISTRY["filings.correction_answer_months_national"].configurable is False
    assert REGISTRY["filings.correction_answer_days_local"].default == 30


def test_signature_estimates_jaccard():
    a = (
        "第一条 为了规范校外培训机构管理，保障学生合法权益，制定本办法。第二条 培训机构应当取得办学许可。"
        * 3
    )
    b = a.replace("办学许可", "营业执照")
    c = "第一条 为加强城市绿化管理，改善生态环境，制定本规定。第二条 绿地应当向公众开放。"
    sa, sb, sc = similarity.signature(a), similarity.signature(b), similarity.signature(c)
    assert len(sa) == similarity.BINS * 8
    assert similarity.estimate(sa, sa) == 1.0
    assert similarity.estimate(sa, sb) > 0.6 > 0.2 > similarity.estimate(sa, sc)
    assert len(similarity.band_keys(sa)) == similarity.BANDS
    assert set(similarity.band_keys(sa)) & set(similarity.band_keys(sb))
    assert not set(similarity.band_keys(sa)) & set(similarity.band_keys(sc))
    assert similarity.band_keys(similarity.signature("")) == []


def test_title_key_joins_versions():
    assert similarity.title_key("清河市校外培训机构管理办法（试行）") == similarity.title_key(
        "关于印发清河市校外培训机构管理办法的通知"
    )


def test_highlights_name_the_kind_of_measure():
    text = "第一条 为了规范管理，制定本办法。第二条 违反规定的，处二千元罚款。第三条 收取保证金。第四条 可以查封场所。"
    found = similarity.highlights(text)
    assert [h["kinds"] for h in found] == [["penalty"], ["fee"], ["coercive"]]
    assert found[0]["text"].startswith("第二条") and found[0]["terms"] == ["罚款"]
    assert similarity.counts(found) == {"penalty": 1, "fee": 1, "coercive": 1}
