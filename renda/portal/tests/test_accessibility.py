"""Accessibility basics: every control has a name, every image has alt text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class ControlAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.label_for: set[str] = set()
        self.controls: list[dict] = []
        self.images: list[dict] = []
        self.buttons_open: list[dict] = []
        self.empty_buttons: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if tag != "input" or a.get("type", "text") not in UNLABELLED_TYPES:
                self.controls.append({"tag": tag, **a})
        elif tag == "img":
            self.images.append(a)
        elif tag == "button":
            self.buttons_open.append({"attrs": a, "text": ""})

    def handle_data(self, data):
        if self.buttons_open:
            self.buttons_open[-1]["text"] += data.strip()

    def handle_endtag(self, tag):
        if tag == "button" and self.buttons_open:
            b = self.buttons_open.pop()
            if not b["text"] and not b["attrs"].get("aria-label"):
                self.empty_buttons.append(b["attrs"])

    def unlabelled(self) -> list[dict]:
        return [
            c
            for c in self.controls
            if c.get("id") not in self.label_for
            and not c.get("aria-label")
            and not c.get("aria-labelledby")
        ]


def audit(html: str) -> ControlAudit:
    parser = ControlAudit()
    parser.feed(html)
    return parser


def test_the_audit_catches_an_unlabelled_input():
    bad = audit(
        '<label for="a">A</label><input id="a"><input id="b" type="search"><button></button>'
    )
    assert [c["id"] for c in bad.unlabelled()] == ["b"]
    assert bad.empty_buttons


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_control_on_every_page_is_labelled(
    client, term, deputy_factory, delegation_factory, lang
):
    client.cookies["django_language"] = lang
    deputy = deputy_factory(
        "王建国", delegation=delegation_factory("东城区代表团"), constituency="第一选区"
    )
    for url in (
        "/",
        "/about/",
        "/about/bodies/sp-legal/",
        "/deputies/",
        "/deputies/?q=王&delegation=bad",
        f"/deputies/{deputy.pk}/",
        "/open-data/",
    ):
        html = client.get(url).content.decode()
        result = audit(html)
        assert result.unlabelled() == [], url
        assert result.empty_buttons == [], url
        assert all(img.get("alt") is not None for img in result.images), url
        if url.startswith("/deputies/?") or url == "/deputies/":
            # The directory has its search box and both filters.
            assert {c.get("name") for c in result.controls} >= {"q", "delegation", "constituency"}


def test_large_type_switch_and_skip_link_are_on_every_page(client, db):
    for url in ("/", "/about/", "/deputies/", "/open-data/"):
        html = client.get(url).content.decode()
        assert "data-large-type-toggle" in html, url
        assert 'href="#main"' in html and 'id="main"' in html, url
