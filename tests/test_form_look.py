"""Every form uses the shared form look (``includes/form_fields.html``: label, the limits and
preconditions as help text, errors beside the field), never Django's bare renderers."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "renda"
#: Django's whole-form renderers and a whole form dropped into a template.
BARE = re.compile(r"\{\{\s*(\w+\.as_(div|p|table|ul)|\w*form)\s*\}\}")


def templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.html") if "templates" in p.parts)


def test_no_template_renders_a_bare_django_form():
    assert len(templates()) > 100  # the scan sees the project's templates
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {match.group(0)}"
        for path in templates()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in BARE.finditer(line)
    ]
    assert offenders == [], "render forms with includes/form_fields.html:\n" + "\n".join(offenders)


def test_the_scan_catches_each_bare_renderer():
    for text in ("{{ form }}", "{{ form.as_div }}", "{{ reply_form.as_p }}", "{{ f.as_table }}"):
        assert BARE.search(text), text
    assert not BARE.search("{{ form.title }}") and not BARE.search("{{ form.non_field_errors }}")


def test_the_shared_look_shows_help_errors_and_required_marks():
    shared = (ROOT / "templates" / "includes" / "form_fields.html").read_text(encoding="utf-8")
    for part in ('class="help"', 'class="error"', 'class="req"', "non_field_errors"):
        assert part in shared
