"""Every page, as every role, on a phone and at a desk.

The crawl opens each GET route the route walker lists (tests/test_permissions.py)
that the role may open and that answers with a page, at 375 px and at 1366 px.
On each page it asserts that nothing scrolls sideways and runs axe-core
(vendored under tests/browser/vendor/axe-core) for serious or critical
accessibility violations. Each role's home and first list are saved as
screenshots under var/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import test_permissions as walker
from tests.test_permissions import ANON, ROLES, ROUTES

#: The route walker's objects (a meeting, a case, a suggestion…) as this module's fixture.
objects = walker.objects

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The pages are the same on both databases; CI crawls them once, on SQLite.
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the crawl runs on SQLite only",
    ),
]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 375, "height": 812}, "desk": {"width": 1366, "height": 900}}
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
#: Pages whose screenshots a reviewer wants per role: the home and a list.
SHOT_ROUTES = {
    ANON: ("portal:home", "portal:suggestions"),
    "admin": ("core:home", "users:list"),
    "staff": ("core:home", "casework:overdue"),
    "leader": ("core:home", "casework:key"),
    "member": ("core:home", "meetings:list"),
    "deputy": ("core:home", "suggestions:list"),
    "unit_officer": ("core:home", "casework:queue"),
}

#: A form per role sent empty (the browser's own checks off), to see the errors as the server shows them.
FORM_ROUTES = {
    ANON: ("portal:filing_suggest", None),
    "admin": ("users:create", None),
    "staff": ("meetings:create", None),
    "leader": ("accounts:password_change", None),
    "member": ("meetings:leave_create", "meeting"),
    "deputy": ("suggestions:create", None),
    "unit_officer": ("accounts:password_change", None),
}

SEND_EMPTY = """() => {
  const forms = [...document.querySelectorAll("#main form[method=post], #main form[method=POST]")];
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
    if (el.type === "checkbox" || el.type === "radio") el.checked = false;
    else if (el.tagName === "SELECT") el.selectedIndex = 0;
    else el.value = "";
  }
  form.requestSubmit();
}"""

RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
}"""

OVERFLOW = """() => {
  const w = document.documentElement.clientWidth;
  // Inside a box that scrolls sideways itself (a wide table on a phone) is not the page's overflow.
  const inScroller = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  if (document.documentElement.scrollWidth <= w) return null;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > w + 1 && !inScroller(e))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
  return `${document.documentElement.scrollWidth}px wide: ${wide.join(", ")}`;
}"""


def pages_for(role, objects, client):
    """(route, url) for every GET route the role may open that answers with an HTML page."""
    found = []
    for route, (method, allowed, kwargs_key) in sorted(ROUTES.items()):
        if method != "GET" or role not in allowed:
            continue
        url = reverse(route, kwargs=objects[kwargs_key] if kwargs_key else None)
        response = client.get(url)
        if (
            response.status_code == 200
            and "text/html" in response.get("Content-Type", "")
            and b"<html" in response.content[:500]  # not a fragment a page fetches into itself
        ):
            found.append((route, url))
    return found


def crawl(browser, base, user, pages, width, role, form_url=None):
    from django.test import Client as _Client

    context = browser.new_context(base_url=base, locale="zh-CN", viewport=WIDTHS[width])
    context.set_default_timeout(20_000)
    context.add_init_script(path=str(AXE))
    if user is not None:
        c = _Client()
        c.force_login(user)
        context.add_cookies(
            [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": base}]
        )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    problems = []
    try:
        for route, url in pages:
            response = page.goto(url, wait_until="load")
            if response is None or response.status != 200:
                problems.append(f"{route} {width}: status {response and response.status}")
                continue
            wide = page.evaluate(OVERFLOW)
            if wide:
                problems.append(f"{route} {width}: scrolls sideways, {wide}")
            for violation in page.evaluate(RUN_AXE):
                problems.append(f"{route} {width}: {violation}")
            if route in SHOT_ROUTES[role]:
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = f"{role}-{route.replace(':', '-')}-{width}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
            for e in errors:
                problems.append(f"{route} {width}: JavaScript error {e}")
            errors.clear()
        if form_url:
            route = FORM_ROUTES[role][0]
            page.goto(form_url, wait_until="load")
            with page.expect_navigation(wait_until="load"):
                page.evaluate(SEND_EMPTY)
            shown = page.locator(".form-errors, .field.has-error, .field .error")
            if shown.count() == 0:
                problems.append(f"{route} {width}: an empty form shows no error")
            wide = page.evaluate(OVERFLOW)
            if wide:
                problems.append(f"{route} {width} (errors): scrolls sideways, {wide}")
            for violation in page.evaluate(RUN_AXE):
                problems.append(f"{route} {width} (errors): {violation}")
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = f"{role}-{route.replace(':', '-')}-errors-{width}.png"
            page.screenshot(path=str(SHOTS / name), full_page=True)
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_every_page_fits_a_phone_and_passes_axe(browser, asgi_server, users, objects, role):
    user = None if role == ANON else users[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    pages = pages_for(role, objects, client)
    assert len(pages) >= 5, pages  # a crawl that visits nothing proves nothing
    form_route, kwargs_key = FORM_ROUTES[role]
    form_url = reverse(form_route, kwargs=objects[kwargs_key] if kwargs_key else None)
    problems = []
    for width in WIDTHS:
        problems += crawl(browser, asgi_server, user, pages, width, role, form_url)
    assert not problems, f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems)
    for route in SHOT_ROUTES[role]:
        if any(r == route for r, _ in pages):
            for width in WIDTHS:
                assert (SHOTS / f"{role}-{route.replace(':', '-')}-{width}.png").exists()
    for width in WIDTHS:
        assert (SHOTS / f"{role}-{form_route.replace(':', '-')}-errors-{width}.png").exists()
