"""Parsing a pasted draft into 编章节条 and comparing two versions article by article."""

from __future__ import annotations

import random
import time
from dataclasses import FrozenInstanceError

import pytest

from renda.legislation.texts import (
    Row,
    Segment,
    Unit,
    chinese_number,
    chinese_numeral,
    compare,
    parse,
    summary,
    validate,
)

DRAFT = """\
某某市文明行为促进条例（草案）

第一章　总　　则

第一条　为了培育和践行社会主义核心价值观，引导和促进文明行为，提升社会文明程度，根据有关法律、法规，结合本市实际，制定本条例。
第二条　本市行政区域内文明行为的促进和保障工作，适用本条例。
本条例所称文明行为，是指遵守宪法和法律、法规，符合社会主义道德要求，体现社会主义核心价值观的行为。
第三条　市、区人民政府应当将文明行为促进工作纳入国民经济和社会发展规划，所需经费列入本级财政预算。
第四条　精神文明建设指导委员会统筹推进本行政区域内的文明行为促进工作。
第五条　国家机关、人民团体、企业事业单位应当做好本单位的文明行为促进工作。
第五条之一　鼓励社会组织和个人参与文明行为促进工作。
第六条　每年九月为本市文明行为宣传月。

第二章　文明行为规范

第七条　公民应当自觉遵守下列公共秩序规范：
（一）乘坐公共交通工具时有序排队，主动为老、幼、病、残、孕等乘客让座；
（二）在公共场所不大声喧哗；
（三）遵守网络秩序，文明上网。
第八条　公民应当遵守下列公共卫生规范：
（一）不随地吐痰、便溺，不乱扔垃圾；
（二）按照规定分类投放生活垃圾。
第三条规定的经费，应当优先用于公共卫生设施建设。
第九条　公民应当保护生态环境，节约资源。
第十条　公民应当遵守交通安全规范，文明出行。
第十一条　公民应当文明就医，尊重医护人员。
第十二条　公民应当文明旅游，尊重当地风俗习惯。
第十三条　公民应当文明观赛、观演，服从现场管理。

第三章　鼓励与保障

第十四条　鼓励公民参与志愿服务。
第十五条　鼓励公民无偿献血、捐献造血干细胞。
第十六条　鼓励具有专业技能的公民在紧急现场实施救护。
第十七条　有关部门应当建立健全文明行为表彰奖励制度。
第十八条　新闻媒体应当宣传文明行为先进典型。
第十九条　学校应当将文明行为教育纳入教育教学内容。

第四章　法律责任

第二十条　违反本条例第八条第一项规定，随地吐痰、便溺的，由城市管理部门责令改正，可以处五十元以上二百元以下罚款。
第二十一条　违反本条例规定，应当承担法律责任的，依照有关法律、法规的规定处理。

第五章　附　　则

第二十二条　本条例自　　年　　月　　日起施行。
"""


def articles(units: list[Unit]) -> list[Unit]:
    return [unit for unit in units if unit.is_article]


def rebuild(segments: tuple[Segment, ...], side: str) -> str:
    return "".join(segment.text for segment in segments if segment.op in ("equal", side))


def render(texts: list[str]) -> str:
    # ASCII digits are accepted too; the parser rewrites them as 第十二条.
    return "\n".join(f"第{number}条 {text}" for number, text in enumerate(texts, start=1))


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("一十一", 11),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零三", 103),
        ("一百一十", 110),
        ("一百二十", 120),
        ("两百", 200),
        ("一千零二十", 1020),
        ("一千零五", 1005),
        ("〇", 0),
        ("零", 0),
        ("103", 103),
    ],
)
def test_chinese_number_reads_heading_numerals(numeral, value):
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    "numeral",
    [
        "",
        "零三",
        "一百零",
        "一百零十",
        "一千零二百",
        "一零",
        "一百二",
        "一百十",
        "两",
        "两十",
        "十十",
        "一二",
        "百",
        "1十",
        "第三",
        "十 一",
        "一万",
        "-3",
        "１２",
    ],
)
def test_chinese_number_refuses_anything_else(numeral):
    with pytest.raises(ValueError):
        chinese_number(numeral)


def test_chinese_numeral_round_trips_through_chinese_number():
    assert [chinese_numeral(n) for n in (10, 11, 103, 110, 1005)] == [
        "十",
        "十一",
        "一百零三",
        "一百一十",
        "一千零五",
    ]
    assert all(chinese_number(chinese_numeral(n)) == n for n in range(10000))


def test_parse_finds_the_chapters_and_articles_of_a_draft():
    units = parse(DRAFT)
    assert [unit.key for unit in units[:4]] == ["preamble", "chapter-1", "article-1", "article-2"]
    assert units[0].paragraphs == ("某某市文明行为促进条例（草案）",)
    chapters = [unit for unit in units if unit.kind == "chapter"]
    assert [(c.label, c.heading) for c in chapters] == [
        ("第一章", "总则"),
        ("第二章", "文明行为规范"),
        ("第三章", "鼓励与保障"),
        ("第四章", "法律责任"),
        ("第五章", "附则"),
    ]
    found = articles(units)
    assert len(found) == 23
    assert [unit.key for unit in found[4:7]] == ["article-5", "article-5-1", "article-6"]
    assert found[5].label == "第五条之一"
    assert (found[5].number, found[5].suffix) == (5, 1)
    assert found[-1].label == "第二十二条"
    assert found[-1].chapter == "第五章 附则"
    assert all(unit.heading == "" for unit in found)


def test_parse_keeps_paragraphs_and_items_of_an_article():
    by_key = {unit.key: unit for unit in parse(DRAFT)}
    second = by_key["article-2"]
    assert second.paragraphs == (
        "本市行政区域内文明行为的促进和保障工作，适用本条例。",
        "本条例所称文明行为，是指遵守宪法和法律、法规，符合社会主义道德要求，体现社会主义核心价值观的行为。",
    )
    seventh = by_key["article-7"]
    assert seventh.chapter == "第二章 文明行为规范"
    assert seventh.paragraphs[0] == "公民应当自觉遵守下列公共秩序规范："
    assert [p[:3] for p in seventh.paragraphs[1:]] == ["（一）", "（二）", "（三）"]
    assert seventh.text == "\n".join(seventh.paragraphs)
    # Full-width spaces after the label and inside a line are layout, not text.
    assert by_key["article-22"].text == "本条例自年月日起施行。"


def test_a_reference_to_an_earlier_article_does_not_start_a_new_one():
    units = parse(DRAFT)
    eighth = next(unit for unit in units if unit.key == "article-8")
    assert eighth.paragraphs[-1] == "第三条规定的经费，应当优先用于公共卫生设施建设。"
    assert len(eighth.paragraphs) == 4
    assert [unit.number for unit in articles(units)].count(3) == 1


def test_a_label_run_into_its_text_counts_when_it_is_the_next_number():
    units = parse("第一条总则的内容。\n第二条第一条规定的事项。\n第一条规定的情形除外。")
    assert [unit.label for unit in units] == ["第一条", "第二条"]
    assert units[0].text == "总则的内容。"
    assert units[1].paragraphs == ("第一条规定的事项。", "第一条规定的情形除外。")


def test_parse_handles_parts_sections_and_odd_input():
    text = "\ufeff第一编 总则\n第一章 基本规定\n第一节 一般规定\n第一条\n  内容一。\n\n第二节 特别规定\n第二条 内容二。\n第二编 分则\n第一章 细则\n第三条 内容三。"
    units = parse(text)
    assert [unit.key for unit in units] == [
        "part-1",
        "chapter-1",
        "section-1",
        "article-1",
        "section-2",
        "article-2",
        "part-2",
        "chapter-1",
        "article-3",
    ]
    assert units[3].paragraphs == ("内容一。",)
    assert units[4].chapter == "第一章 基本规定"
    assert units[6].chapter == ""
    assert units[8].chapter == "第一章 细则"
    assert parse("") == []
    assert parse("  \n\u3000\n") == []
    assert parse("只有一段说明。")[0].key == "preamble"


def test_a_pasted_table_of_contents_stays_in_the_preamble():
    text = "某某条例\n目　　录\n第一章　总则\n第二章　附则\n第一章　总则\n第一条　内容。\n第二章　附则\n第二条　施行。"
    units = parse(text)
    assert units[0].paragraphs == ("某某条例", "目录", "第一章总则", "第二章附则")
    assert [unit.key for unit in units[1:]] == ["chapter-1", "article-1", "chapter-2", "article-2"]
    assert validate(units) == []


def test_ascii_and_chinese_numerals_give_the_same_label():
    assert parse("第103条 内容")[0].label == "第一百零三条"
    assert parse("第十条之1 内容")[0].key == "article-10-1"


def test_validate_accepts_a_clean_draft():
    assert validate(parse(DRAFT)) == []


def test_validate_reports_a_gap_a_duplicate_and_an_empty_article():
    text = "第一条 甲。\n第二条 乙。\n第四条 丁。\n第四条 戊。\n第五条\n第五条之二 己。"
    problems = validate(parse(text))
    assert "条文序号不连续：第二条之后是第四条，应为第三条" in problems
    assert "第四条重复出现2次" in problems
    assert "第五条没有条文内容" in problems
    assert "第五条之二的位置不对，前一条是第五条" in problems
    assert len(problems) == 4


def test_validate_reports_numbering_that_does_not_start_at_one_and_chapters_out_of_order():
    text = "第二章 甲\n第二条 甲。\n第一章 乙\n第三条 乙。"
    problems = validate(parse(text))
    assert problems == [
        "章序号应从第一章开始，实为第二章",
        "条文序号应从第一条开始，实为第二条",
        "章序号不连续：第二章之后是第一章，应为第三章",
    ]


def test_validate_reports_a_repeated_chapter_and_sections_per_chapter():
    text = "第一章 甲\n第一节 子\n第一条 甲。\n第一章 乙\n第二节 丑\n第二条 乙。"
    assert validate(parse(text)) == [
        "第一章重复出现",
        "第一章 乙：节序号应从第一节开始，实为第二节",
    ]


def test_compare_of_a_draft_with_itself_is_all_same():
    units = parse(DRAFT)
    rows = compare(units, parse(DRAFT))
    assert [row.status for row in rows] == ["same"] * len(units)
    assert not any(row.renumbered for row in rows)
    assert all(row.segments == (Segment("equal", row.new.body),) for row in rows)
    assert summary(rows) == {"same": 23, "changed": 0, "added": 0, "removed": 0}


def test_an_inserted_article_renumbers_the_ones_after_it():
    old = parse(render(["甲乙丙丁的规定。", "戊己庚辛的规定。", "壬癸子丑的规定。"]))
    new = parse(
        render(
            ["甲乙丙丁的规定。", "新增一条完全不同的内容。", "戊己庚辛的规定。", "壬癸子丑的规定。"]
        )
    )
    rows = compare(old, new)
    assert [(row.status, row.renumbered) for row in rows] == [
        ("same", False),
        ("added", False),
        ("same", True),
        ("same", True),
    ]
    assert (rows[2].old.label, rows[2].new.label) == ("第二条", "第三条")
    assert rows[1].segments == (Segment("insert", "新增一条完全不同的内容。"),)


def test_a_changed_word_gives_a_changed_row_with_its_diff():
    old = parse("第一条 由县级以上人民政府负责。\n第二条 本条例自公布之日起施行。")
    new = parse("第一条 由市人民政府统一负责。\n第二条 本条例自公布之日起施行。")
    rows = compare(old, new)
    assert [row.status for row in rows] == ["changed", "same"]
    assert rows[0].segments == (
        Segment("equal", "由"),
        Segment("delete", "县级以上"),
        Segment("insert", "市"),
        Segment("equal", "人民政府"),
        Segment("insert", "统一"),
        Segment("equal", "负责。"),
    )
    assert not rows[0].renumbered


def test_a_deleted_and_an_added_article_and_the_summary():
    old = parse(DRAFT)
    text = DRAFT.replace("第六条　每年九月为本市文明行为宣传月。\n", "")
    text = text.replace("第七条", "第六条").replace("第十九条　", "第十九条　有关部门应当")
    text += "第二十三条　本市各级国家机关工作人员应当带头践行文明行为，发挥示范作用。\n"
    new = parse(text)
    rows = compare(old, new)
    removed = [row for row in rows if row.status == "removed"]
    added = [row for row in rows if row.status == "added"]
    assert [row.old.label for row in removed] == ["第六条"]
    assert removed[0].segments == (Segment("delete", "每年九月为本市文明行为宣传月。"),)
    assert [row.new.label for row in added] == ["第二十三条"]
    changed = [row for row in rows if row.status == "changed"]
    assert [(row.old.label, row.new.label) for row in changed] == [("第十九条", "第十九条")]
    # The removed row stands where the article was: after 第五条之一, before 第二章.
    at = rows.index(removed[0])
    assert rows[at - 1].old.label == "第五条之一"
    assert rows[at + 1].new.label == "第二章"
    assert (rows[at + 2].old.label, rows[at + 2].new.label) == ("第七条", "第六条")
    assert rows[at + 2].renumbered
    assert summary(rows) == {"same": 21, "changed": 1, "added": 1, "removed": 1}


def test_a_deleted_neighbour_does_not_steal_an_edited_articles_pairing():
    penalty = "违反本条例第{}条规定的，由城市管理部门责令改正，处{}元以上{}元以下罚款。"
    old_texts = [
        penalty.format(*args) for args in (("五", 50, 200), ("六", 100, 500), ("七", 200, 1000))
    ]
    new_texts = [penalty.format("六", 100, 800), old_texts[2]]
    rows = compare(parse(render(old_texts)), parse(render(new_texts)))
    assert [row.status for row in rows] == ["removed", "changed", "same"]
    assert rows[1].old.text == old_texts[1]


def test_compare_pairs_a_renamed_chapter_but_not_a_different_one():
    old = parse("第一章 管理\n第一条 甲。\n第二章 法律责任\n第二条 乙。")
    new = parse("第一章 监督管理\n第一条 甲。\n第二章 附则\n第二条 乙。")
    rows = compare(old, new)
    assert [(row.status, (row.old or row.new).kind) for row in rows] == [
        ("changed", "chapter"),
        ("same", "article"),
        ("removed", "chapter"),
        ("added", "chapter"),
        ("same", "article"),
    ]
    assert rebuild(rows[0].segments, "insert") == "监督管理"
    assert summary(rows) == {"same": 2, "changed": 0, "added": 0, "removed": 0}


def test_the_threshold_decides_what_counts_as_changed():
    old = parse("第一条 甲乙丙丁戊己庚辛。")
    new = parse("第一条 甲乙丙丁子丑寅卯。")
    assert [row.status for row in compare(old, new)] == ["changed"]
    assert [row.status for row in compare(old, new, threshold=0.9)] == ["removed", "added"]
    with pytest.raises(ValueError):
        compare(old, new, threshold=1.5)


WORDS = [
    "人民政府",
    "有关部门",
    "应当",
    "依法",
    "加强",
    "监督管理",
    "建立",
    "健全",
    "制度",
    "公民",
    "法人",
    "其他组织",
    "文明行为",
    "公共场所",
    "生态环境",
    "交通安全",
    "志愿服务",
    "教育",
    "卫生",
    "文化",
    "旅游",
    "社区",
    "街道",
    "乡镇",
    "市场",
    "财政",
    "预算",
    "规划",
    "宣传",
    "表彰",
    "奖励",
    "罚款",
    "责令改正",
    "信息",
    "平台",
    "数据",
    "服务",
]


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))) + "。"


def edit(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chars) - 1)
        if rng.random() < 0.5:
            chars[at] = rng.choice("新增修改删除调整")
        else:
            chars.insert(at, rng.choice("和或及并"))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_rebuild_both_texts_and_keep_every_article_once(seed):
    rng = random.Random(seed)
    old_texts = [sentence(rng) for _ in range(rng.randint(15, 40))]
    new_texts = list(old_texts)
    untouched = set(old_texts)
    for _ in range(rng.randint(1, 3)):
        untouched.discard(new_texts.pop(rng.randrange(len(new_texts))))
    for _ in range(rng.randint(1, 3)):
        new_texts.insert(rng.randrange(len(new_texts) + 1), sentence(rng))
    edited = {}
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(new_texts))
        original = new_texts[at]
        if original in untouched:
            untouched.discard(original)
            new_texts[at] = edited[original] = edit(rng, original)
    old, new = parse(render(old_texts)), parse(render(new_texts))

    rows = compare(old, new)

    for row in rows:
        if row.old is not None:
            assert rebuild(row.segments, "delete") == row.old.text
        if row.new is not None:
            assert rebuild(row.segments, "insert") == row.new.text
        assert row.renumbered == (
            row.old is not None and row.new is not None and row.old.label != row.new.label
        )
    # Every unit appears once, and in its own document's order.
    assert [row.old for row in rows if row.old is not None] == old
    assert all(
        a is b for a, b in zip([row.old for row in rows if row.old is not None], old, strict=True)
    )
    assert all(
        b is c for b, c in zip([row.new for row in rows if row.new is not None], new, strict=True)
    )
    statuses = {row.old.text: row.status for row in rows if row.old is not None}
    assert all(statuses[text] == "same" for text in untouched)
    pairs = {row.old.text: row.new.text for row in rows if row.status == "changed"}
    assert all(pairs.get(before) == after for before, after in edited.items())
    counts = summary(rows)
    assert counts["same"] + counts["changed"] + counts["removed"] == len(old)
    assert counts["same"] + counts["changed"] + counts["added"] == len(new)


def odd_line(rng: random.Random) -> str:
    numeral = "".join(rng.choice("一二三十百零〇两0123") for _ in range(rng.randint(0, 3)))
    marker = f"第{numeral}{rng.choice('条章节编之')}" if rng.random() < 0.7 else ""
    if marker.endswith("条") and rng.random() < 0.2:
        marker += "之" + rng.choice(["一", "二", "", "零"])
    gap = rng.choice(["", " ", "\u3000", "\t", "\u3000\u3000"])
    tail = "".join(rng.choice("甲乙（一）第条章。目录\ufeff 　") for _ in range(rng.randint(0, 12)))
    return rng.choice(["", " ", "\u3000"]) + marker + gap + tail


@pytest.mark.parametrize("seed", range(20))
def test_odd_input_never_raises_and_still_compares_cleanly(seed):
    rng = random.Random(seed)
    lines = [odd_line(rng) for _ in range(rng.randint(0, 60))]
    changed = [line for line in lines if rng.random() < 0.8]
    for _ in range(rng.randint(0, 5)):
        changed.insert(rng.randint(0, len(changed)), odd_line(rng))
    old, new = parse("\n".join(lines)), parse("\n".join(changed))
    for unit in (*old, *new):
        assert unit.kind in ("preamble", "part", "chapter", "section", "article")
        assert all(paragraph.strip() == paragraph != "" for paragraph in unit.paragraphs)
    assert all(isinstance(problem, str) for problem in validate(old))
    rows = compare(old, new)
    assert [row.old for row in rows if row.old is not None] == old
    assert [row.new for row in rows if row.new is not None] == new
    for row in rows:
        if row.old is not None:
            assert rebuild(row.segments, "delete") == row.old.body
        if row.new is not None:
            assert rebuild(row.segments, "insert") == row.new.body


def test_compare_of_two_long_drafts_is_fast():
    rng = random.Random(2024)
    old_texts = [sentence(rng) + sentence(rng) for _ in range(200)]
    new_texts = list(old_texts)
    for at in range(5, 200, 10):
        new_texts[at] = edit(rng, new_texts[at])
    for at in (150, 90, 30):
        del new_texts[at]
        new_texts.insert(at + 3, sentence(rng))
    old, new = parse(render(old_texts)), parse(render(new_texts))
    started = time.perf_counter()
    rows = compare(old, new)
    assert time.perf_counter() - started < 1.0
    assert summary(rows)["changed"] >= 15


def test_a_wholly_rewritten_long_draft_is_compared_quickly_without_false_pairs():
    rng = random.Random(7)
    old_texts = ["".join(sentence(rng) for _ in range(3)) for _ in range(200)]
    new_texts = ["".join(sentence(rng) for _ in range(3)) for _ in range(200)]
    old, new = parse(render(old_texts)), parse(render(new_texts))
    started = time.perf_counter()
    rows = compare(old, new)
    # Weighing every article against every other took over five seconds.
    assert time.perf_counter() - started < 3.0
    assert summary(rows) == {"same": 0, "changed": 0, "added": 200, "removed": 200}


def test_every_article_edited_and_shifted_still_pairs_with_its_former_text():
    rng = random.Random(11)
    old_texts = ["".join(sentence(rng) for _ in range(6)) for _ in range(200)]
    edited = [edit(rng, text) for text in old_texts]
    deleted = (20, 90, 150)
    new_texts = [text for at, text in enumerate(edited) if at not in deleted]
    new_texts[60:60] = [sentence(rng), sentence(rng)]
    rows = compare(parse(render(old_texts)), parse(render(new_texts)))
    pairs = [(row.old.text, row.new.text) for row in rows if row.status == "changed"]
    assert pairs == [
        (before, after)
        for at, (before, after) in enumerate(zip(old_texts, edited, strict=True))
        if at not in deleted
    ]
    assert summary(rows) == {"same": 0, "changed": 197, "added": 2, "removed": 3}


def test_rows_and_units_are_frozen():
    unit = parse("第一条 内容。")[0]
    row = compare([unit], [unit])[0]
    assert isinstance(row, Row)
    with pytest.raises(FrozenInstanceError):
        unit.label = "第二条"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        row.status = "changed"  # type: ignore[misc]
