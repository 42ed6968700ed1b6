"""The assignment help (rule S27) without a database."""

from __future__ import annotations

import random

from renda.devtools.suggestions_demo import build_suggestion_texts, unit_codes
from renda.suggestions.assignment_help import AssignmentModel, Example, accuracy, tokens

EDUCATION, TRANSPORT, HEALTH, FINANCE = 1, 2, 3, 4
EXAMPLES = [
    Example("关于加强乡村教师队伍建设的建议 教师编制不足 教师待遇偏低", EDUCATION, (FINANCE,)),
    Example("关于缓解中小学学位紧张的建议 学校建设滞后 学位不足", EDUCATION, (FINANCE,)),
    Example("关于优化公交线路的建议 公交班次少 站点设置不合理", TRANSPORT, ()),
    Example("关于修缮农村公路的建议 路面破损 公路养护资金不足", TRANSPORT, (FINANCE,)),
    Example("关于加强基层医疗卫生服务的建议 乡镇卫生院 医生短缺", HEALTH, ()),
]


def test_tokens_drop_stopwords_and_single_characters():
    words = tokens("关于加强乡村教师队伍建设的建议")
    assert "教师" in words
    assert "关于" not in words and "建议" not in words and "的" not in words


def test_proposes_the_unit_of_the_most_similar_past_assignment():
    model = AssignmentModel.train(EXAMPLES)
    proposal = model.propose("建议增加公交班次，优化站点")
    assert proposal.lead is not None and proposal.lead.unit_id == TRANSPORT
    assert 0 < proposal.lead.confidence <= 1
    assert sum(s.confidence for s in proposal.leads) <= 1.0001


def test_ranks_at_most_top_units_best_first():
    model = AssignmentModel.train(EXAMPLES)
    leads = model.propose("教师 公交 卫生院", top=2).leads
    assert len(leads) == 2
    assert leads[0].confidence >= leads[1].confidence


def test_co_handlers_come_from_the_neighbours_and_exclude_the_lead():
    model = AssignmentModel.train(EXAMPLES)
    proposal = model.propose("乡村教师编制不足，学校学位紧张")
    assert proposal.lead.unit_id == EDUCATION
    assert [s.unit_id for s in proposal.co_handlers] == [FINANCE]


def test_unknown_words_and_empty_model_propose_nothing():
    assert AssignmentModel.train(EXAMPLES).propose("量子引力").leads == ()
    empty = AssignmentModel.train([])
    assert len(empty) == 0
    assert empty.propose("教师").lead is None


def test_accuracy_counts_top1_and_top3():
    model = AssignmentModel.train(EXAMPLES)
    result = accuracy(model, [Example("公交站点", TRANSPORT), Example("公交站点", HEALTH)])
    assert result == {"n": 2, "top1": 0.5, "top3": 0.5}
    assert accuracy(model, []) == {"n": 0, "top1": 0.0, "top3": 0.0}


def test_demo_texts_are_deterministic_and_cover_every_area():
    first, second = build_suggestion_texts(80), build_suggestion_texts(80)
    assert first == second
    assert build_suggestion_texts(80, seed=1) != first
    assert len({row.area for row in first}) == len(
        {row.area for row in build_suggestion_texts(400)}
    )
    assert all(row.lead in unit_codes() and row.lead not in row.co_handlers for row in first)


def test_learns_the_demo_corpus_well_above_the_frequency_baseline():
    rows = build_suggestion_texts(300)
    ids = {code: i for i, code in enumerate(sorted(unit_codes()))}
    examples = [Example(f"{r.title}\n{r.content}", ids[r.lead]) for r in rows]
    random.Random(0).shuffle(examples)
    model = AssignmentModel.train(examples[:240])
    result = accuracy(model, examples[240:])
    assert result["top1"] >= 0.8
    assert result["top3"] >= 0.9
