"""The documented shape of the code (docs/architecture.md), checked on the source itself.

Imports go one way: ``core`` ← ``accounts`` ← ``people`` ← ``meetings`` ← ``voting``;
``casework`` ← ``suggestions``, ``supervision``, ``decisions``, ``filings``; ``portal``,
``api`` and ``devtools`` may read every domain and no domain imports them. Every import
counts, at module level or inside a function. Files stay small enough to read.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "renda"

_BASE = {"core", "accounts", "people"}
#: app → the apps it may import (besides itself). The graph is acyclic by construction.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "accounts": {"core"},
    "people": {"core", "accounts"},
    "meetings": _BASE,
    "voting": _BASE | {"meetings"},
    "casework": _BASE,
    "suggestions": _BASE | {"casework", "meetings"},
    "supervision": _BASE | {"casework", "meetings", "voting"},
    "decisions": _BASE | {"casework", "meetings", "voting"},
    "deputies": _BASE | {"casework", "meetings", "voting", "suggestions", "supervision"},
    "filings": _BASE | {"casework", "meetings", "voting"},
    "appointments": _BASE | {"meetings", "voting"},
    "legislation": _BASE | {"meetings", "voting"},
    "budget": _BASE | {"casework", "meetings", "supervision"},
}
#: Faces that read every domain and that no domain imports.
READERS = {"portal", "api", "devtools", "compliance"}
#: The size a Python file should stay under (migrations, tests and demo data aside).
MAX_LINES = 600
#: Files still over it, each with the ceiling it may not pass while it waits to be split.
OVERSIZE: dict[str, int] = {
    "supervision/models.py": 836,
}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts or "tests" in rel.parts:
            continue
        yield rel, path


def _imports() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rel, path in _sources():
        app = rel.parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "renda" and len(parts) > 1 and parts[1] != app:
                    found[(app, parts[1])].add(str(rel))
    return found


def test_imports_run_only_in_the_documented_direction():
    wrong = []
    for (app, target), files in sorted(_imports().items()):
        if app in READERS:
            continue
        if target in READERS or target not in ALLOWED.get(app, set()):
            wrong.append(f"{app} → {target}: {', '.join(sorted(files))}")
    assert wrong == [], "imports against docs/architecture.md:\n" + "\n".join(wrong)


def test_every_app_is_placed_in_the_map():
    apps = {rel.parts[0] for rel, _ in _sources() if len(rel.parts) > 1}
    assert apps <= set(ALLOWED) | READERS, apps - set(ALLOWED) - READERS


def test_the_allowed_map_has_no_cycle():
    seen: dict[str, int] = {}

    def visit(app: str) -> None:
        assert seen.get(app) != 1, f"cycle through {app}"
        if seen.get(app) == 2:
            return
        seen[app] = 1
        for dep in ALLOWED.get(app, ()):
            visit(dep)
        seen[app] = 2

    for app in ALLOWED:
        visit(app)


def test_python_files_stay_readable():
    over = []
    for rel, path in _sources():
        if rel.parts[0] == "devtools":
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        ceiling = OVERSIZE.get(str(rel), MAX_LINES)
        if lines > ceiling:
            over.append(f"{rel}: {lines} lines (at most {ceiling})")
    assert over == [], "split these along their sub-areas:\n" + "\n".join(over)


def test_the_oversize_list_only_names_files_that_still_need_it():
    stale = [
        name
        for name, ceiling in OVERSIZE.items()
        if not (ROOT / name).exists()
        or len((ROOT / name).read_text(encoding="utf-8").splitlines()) <= MAX_LINES
    ]
    assert stale == [], f"take these off OVERSIZE: {stale}"
