"""The English catalogue is complete, consistent with its msgids, and compiled.

Chinese is the source language (msgids are Chinese); renda/locale/en holds the
English translation.  The .po is parsed here in plain Python (no polib) so the
checks do not depend on gettext tools being installed.  No database needed.

Each check is a function returning a list of problems; the ``test_check_*``
tests at the end run the checks against deliberately broken copies, so a check
that can no longer fail is noticed.
"""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LC_MESSAGES = ROOT / "renda" / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"

# msgids that are proper names deliberately kept in Chinese (language names in
# a language switcher).  Keep this tiny.
CJK_ALLOWED = {"中文", "简体中文", "繁體中文"}

CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3200-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


# --------------------------------------------------------------------------
# a small .po parser
# --------------------------------------------------------------------------
_ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KW = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')
_CONT = re.compile(r'^"(.*)"$')


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESC.get(m.group(1), m.group(1)), s)


def parse_po(text: str) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr, msgstr_plural, flags, line.

    The header (msgid "") is included; obsolete (#~) entries are skipped.
    """
    entries: list[dict] = []
    cur: dict | None = None
    field = None

    def new(lineno):
        return {
            "msgctxt": None,
            "msgid": None,
            "msgid_plural": None,
            "msgstr": None,
            "msgstr_plural": {},
            "flags": set(),
            "line": lineno,
        }

    def flush():
        nonlocal cur, field
        if cur is not None and cur["msgid"] is not None:
            entries.append(cur)
        cur, field = None, None

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if cur is not None and field is not None and field[0] == "msgstr":
                flush()
            if cur is None:
                cur = new(lineno)
            if line.startswith("#,"):
                cur["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        m = _KW.match(line)
        if m:
            kw, idx, val = m.group(1), m.group(2), _unescape(m.group(3))
            if (
                cur is not None
                and field is not None
                and field[0] == "msgstr"
                and kw in ("msgctxt", "msgid")
            ):
                flush()
            if cur is None:
                cur = new(lineno)
            if kw.startswith("msgstr"):
                if idx is None:
                    cur["msgstr"] = val
                    field = ("msgstr", None)
                else:
                    cur["msgstr_plural"][int(idx)] = val
                    field = ("msgstr", int(idx))
            else:
                cur[kw] = val
                field = (kw,)
            continue
        m = _CONT.match(line)
        if m and cur is not None and field is not None:
            val = _unescape(m.group(1))
            if field[0] == "msgstr":
                if field[1] is None:
                    cur["msgstr"] += val
                else:
                    cur["msgstr_plural"][field[1]] += val
            else:
                cur[field[0]] += val
            continue
        raise ValueError(f"line {lineno}: unparseable {raw!r}")
    flush()
    return entries


def load(path: Path = PO) -> tuple[dict, list[dict]]:
    entries = parse_po(path.read_text(encoding="utf-8"))
    header = [e for e in entries if e["msgid"] == "" and e["msgctxt"] is None]
    assert len(header) == 1, "the catalogue must have exactly one header"
    fields = {
        k.strip(): v.strip()
        for k, _, v in (ln.partition(":") for ln in header[0]["msgstr"].split("\n") if ln)
    }
    return fields, [e for e in entries if e is not header[0]]


def label(e: dict) -> str:
    return (
        (f"[{e['msgctxt']}] " if e["msgctxt"] else "") + repr(e["msgid"]) + f" (line {e['line']})"
    )


def translations(e: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs: msgstr[0] answers msgid, msgstr[1..] msgid_plural."""
    if e["msgid_plural"] is None:
        return [(e["msgid"], e["msgstr"] or "")]
    n = max(2, len(e["msgstr_plural"]))
    return [
        (e["msgid"] if i == 0 else e["msgid_plural"], e["msgstr_plural"].get(i, ""))
        for i in range(n)
    ]


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------
_BRACE = re.compile(r"\{[^{}]*\}")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_TAG = re.compile(r"</?([a-zA-Z][\w-]*)[^>]*>")


def placeholders(s: str) -> list[str]:
    s = s.replace("{{", "").replace("}}", "").replace("%%", "")
    return sorted(_BRACE.findall(s) + _PERCENT.findall(s))


def tags(s: str) -> list[str]:
    return sorted(m.group(0) for m in _TAG.finditer(s))


def check_header(fields: dict) -> list[str]:
    problems = []
    if fields.get("Language") != "en":
        problems.append(f"Language is {fields.get('Language')!r}, expected 'en'")
    if fields.get("Plural-Forms", "").replace(" ", "") != "nplurals=2;plural=(n!=1);":
        problems.append(f"Plural-Forms is {fields.get('Plural-Forms')!r}")
    if "charset=UTF-8" not in fields.get("Content-Type", ""):
        problems.append("Content-Type must declare charset=UTF-8")
    return problems


def check_complete(entries: list[dict]) -> list[str]:
    problems = []
    for e in entries:
        if "fuzzy" in e["flags"]:
            problems.append(f"fuzzy: {label(e)}")
        if e["msgid_plural"] is not None and sorted(e["msgstr_plural"]) != [0, 1]:
            problems.append(f"needs exactly msgstr[0] and msgstr[1]: {label(e)}")
        for _, tr in translations(e):
            if not tr.strip():
                problems.append(f"untranslated: {label(e)}")
                break
    return problems


def check_placeholders(entries: list[dict]) -> list[str]:
    problems = []
    for e in entries:
        for src, tr in translations(e):
            if tr and placeholders(src) != placeholders(tr):
                problems.append(
                    f"placeholders {placeholders(src)} != {placeholders(tr)}: {label(e)}"
                )
            if tr and tags(src) != tags(tr):
                problems.append(f"HTML tags {tags(src)} != {tags(tr)}: {label(e)}")
    return problems


def check_no_cjk(entries: list[dict]) -> list[str]:
    problems = []
    for e in entries:
        if e["msgid"] in CJK_ALLOWED:
            continue
        for _, tr in translations(e):
            if CJK.search(tr) and not _quotes_source_literals(e["msgid"], tr):
                problems.append(f"Chinese left in translation {tr!r}: {label(e)}")
    return problems


def _quotes_source_literals(msgid: str, tr: str) -> bool:
    """An English text may quote Chinese literals of its source, e.g. the column names a
    file must carry: every Chinese run must come from the msgid, and English must dominate."""
    runs = re.findall(r"[\u3400-\u9fff]+", tr)
    latin = len(re.findall(r"[A-Za-z]", tr))
    return all(run in msgid for run in runs) and latin >= sum(len(r) for r in runs)


def check_mo_matches(entries: list[dict], mo_path: Path = MO) -> list[str]:
    if not mo_path.exists():
        return [f"{mo_path} is missing; run manage.py compilemessages"]
    with mo_path.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    problems = []
    expected_keys = set()
    for e in entries:
        ctx = e["msgctxt"]
        if e["msgid_plural"] is None:
            expected_keys.add(e["msgid"] if ctx is None else f"{ctx}\x04{e['msgid']}")
            got = mo.gettext(e["msgid"]) if ctx is None else mo.pgettext(ctx, e["msgid"])
            if got != e["msgstr"]:
                problems.append(f".mo gives {got!r}, .po says {e['msgstr']!r}: {label(e)}")
        else:
            key = e["msgid"] if ctx is None else f"{ctx}\x04{e['msgid']}"
            for n, idx in ((1, 0), (2, 1)):
                expected_keys.add((key, idx))
                got = (
                    mo.ngettext(e["msgid"], e["msgid_plural"], n)
                    if ctx is None
                    else mo.npgettext(ctx, e["msgid"], e["msgid_plural"], n)
                )
                want = e["msgstr_plural"].get(idx)
                if got != want:
                    problems.append(f".mo gives {got!r} for n={n}, .po says {want!r}: {label(e)}")
    stale = {k for k in mo._catalog if k != ""} - expected_keys  # noqa: SLF001 - only way to list keys
    for k in sorted(stale, key=str):
        problems.append(f".mo has an entry the .po lacks: {k!r}")
    return problems


def report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:50])


# --------------------------------------------------------------------------
# the real catalogue
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def catalogue():
    return load(PO)


def test_catalogue_is_not_empty(catalogue):
    _, entries = catalogue
    assert len(entries) > 100
    assert not (ROOT / "renda" / "portal" / "locale").exists(), "all strings belong in renda/locale"


def test_header(catalogue):
    fields, _ = catalogue
    problems = check_header(fields)
    assert not problems, report(problems)


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    _, entries = catalogue
    problems = check_complete(entries)
    assert not problems, report(problems)


def test_placeholders_and_tags_are_preserved(catalogue):
    _, entries = catalogue
    problems = check_placeholders(entries)
    assert not problems, report(problems)


def test_no_chinese_left_in_translations(catalogue):
    _, entries = catalogue
    problems = check_no_cjk(entries)
    assert not problems, report(problems)


def test_mo_is_compiled_from_the_current_po(catalogue):
    _, entries = catalogue
    problems = check_mo_matches(entries)
    assert not problems, report(problems)


def test_django_serves_english(settings):
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("我的待办") == "My work"
        assert (
            translation.ngettext("共 %(n)s 名代表", "共 %(n)s 名代表", 3) % {"n": 3} == "3 deputies"
        )
    with translation.override("zh-hans"):
        assert translation.gettext("我的待办") == "我的待办"


# --------------------------------------------------------------------------
# the checks themselves must be able to fail
# --------------------------------------------------------------------------
BROKEN_PO = r"""# broken on purpose
#, fuzzy
msgid ""
msgstr ""
"Language: \n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"

#: a.py:1
msgid "我的待办"
msgstr ""

#: a.py:2
#, fuzzy
msgid "审计链在第 {seq} 条记录处断开：{reason}"
msgstr "Audit chain broken at record {seq}"

#: a.py:3
msgid ""
"接口的根地址是 <code>%(base)s</code>，"
"返回 JSON。"
msgstr "The API root is %(base)s."

#: a.py:4
msgid "共 %(n)s 名代表"
msgid_plural "共 %(n)s 名代表"
msgstr[0] "%(n)s deputy"
msgstr[1] ""

#: a.py:5
msgid "符合"
msgstr "符合"

#: a.py:6
msgctxt "menu"
msgid "规则"
msgstr "Rules %s"

#: a.py:7
msgid "中文"
msgstr "中文"
"""


def test_parser_handles_continuations_context_and_plurals():
    fields, entries = load_text(BROKEN_PO)
    by_id = {e["msgid"]: e for e in entries}
    assert "接口的根地址是 <code>%(base)s</code>，返回 JSON。" in by_id
    assert by_id["规则"]["msgctxt"] == "menu"
    assert by_id["共 %(n)s 名代表"]["msgstr_plural"] == {0: "%(n)s deputy", 1: ""}
    assert len(entries) == 7


def load_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "django.po"
        p.write_text(text, encoding="utf-8")
        return load(p)


def test_check_header_fails_on_template_header():
    fields, _ = load_text(BROKEN_PO)
    assert len(check_header(fields)) == 2


def test_check_complete_fails_on_broken_copy():
    _, entries = load_text(BROKEN_PO)
    problems = check_complete(entries)
    assert any("untranslated" in p and "我的待办" in p for p in problems)
    assert any("fuzzy" in p and "{seq}" in p for p in problems)
    assert any("untranslated" in p and "名代表" in p for p in problems)


def test_check_placeholders_fails_on_broken_copy():
    _, entries = load_text(BROKEN_PO)
    problems = check_placeholders(entries)
    assert any("{reason}" in p for p in problems)
    assert any("HTML tags" in p and "<code>" in p for p in problems)
    assert any("%s" in p and "规则" in p for p in problems)
    assert placeholders("{label}过长 %(n)s %d %s %% {{x}}") == sorted(
        ["{label}", "%(n)s", "%d", "%s"]
    )


def test_check_no_cjk_fails_on_broken_copy():
    _, entries = load_text(BROKEN_PO)
    problems = check_no_cjk(entries)
    assert len(problems) == 1 and "符合" in problems[0]  # 中文 is allow-listed


def test_check_mo_fails_when_po_changed_after_compiling(tmp_path):
    fields, entries = load(PO)
    copy = tmp_path / "django.mo"
    shutil.copy(MO, copy)
    assert check_mo_matches(entries, copy) == []
    i = next(i for i, e in enumerate(entries) if e["msgid_plural"] is None)
    entries[i] = dict(entries[i], msgstr=entries[i]["msgstr"] + " (edited)")
    extra = {
        "msgctxt": None,
        "msgid": "新词",
        "msgid_plural": None,
        "msgstr": "New word",
        "msgstr_plural": {},
        "flags": set(),
        "line": 0,
    }
    problems = check_mo_matches(entries + [extra], copy)
    assert any("(edited)" in p for p in problems)
    assert any("新词" in p for p in problems)
    problems = check_mo_matches(entries[1:], copy)
    assert any("entry the .po lacks" in p for p in problems)
    assert check_mo_matches(entries, tmp_path / "missing.mo")
