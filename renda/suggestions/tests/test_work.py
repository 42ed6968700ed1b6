"""我的待办 for suggestions: the office's screening queue with its intake deadline, a deputy's
drafts and co-signing invitations; the home groups them by kind, filters them, and cites
rules by name (code and source on hover), never by bare code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core import rulebook, statute
from renda.core.workdays import add_working_days
from renda.suggestions import services as S
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db
HOME = reverse("core:home")


def groups(html: str) -> dict[str, int]:
    """Each work group's kind and the count it shows."""
    found = re.findall(
        r'<section class="card work-group" data-kind="([^"]+)">\s*<h2>[^<]*<span class="count">(\d+)',
        html,
    )
    return {kind: int(n) for kind, n in found}


def test_the_office_sees_suggestions_waiting_for_screening_with_their_deadline(
    make_suggestion, client_for, users
):
    old = make_suggestion(title="关于老旧小区加装电梯的建议")
    new = make_suggestion(title="关于增设公交线路的建议")
    long_ago = timezone.now() - dt.timedelta(days=40)
    Suggestion.objects.filter(pk=old.pk).update(submitted_at=long_ago)
    html = client_for("staff").get(HOME).content.decode()
    assert groups(html)["建议待审查交办"] == 2
    due = add_working_days(timezone.localdate(long_ago), statute.param("casework.assign_workdays"))
    assert due.isoformat() in html and "逾期" in html
    # The rule by its name, the code and source on hover; never a bare code in a column.
    assert '<abbr class="rule-ref" title="§1.10 · 重庆 2017 第13、18条" data-rule="§1.10">' in html
    assert "交办与联系代表期限" in html and "<code>§" not in html
    overdue = client_for("staff").get(HOME, {"state": "overdue"}).content.decode()
    assert old.title in overdue and new.title not in overdue
    only = client_for("staff").get(HOME, {"kind": "建议待审查交办"}).content.decode()
    assert list(groups(only)) == ["建议待审查交办"]
    # An unknown filter value shows everything rather than failing.
    assert client_for("staff").get(HOME, {"kind": "x", "state": "y"}).status_code == 200
    # Screened, it leaves the queue.
    S.suggestion_accept(actor=users["staff"], suggestion=new)
    assert groups(client_for("staff").get(HOME).content.decode())["建议待审查交办"] == 1


def test_a_deputy_sees_drafts_and_invitations_to_co_sign(
    make_suggestion, other_deputies, users, client_for
):
    draft = make_suggestion(title="关于河道治理的建议", status="draft")
    invited = S.suggestion_create(
        actor=users_of(other_deputies[0]), title="关于社区养老服务的建议", content="建议增加。"
    )
    S.cosigner_invite(
        actor=users_of(other_deputies[0]),
        suggestion=invited,
        deputy=users["deputy"].person.mandates.get(),
    )
    html = client_for("deputy").get(HOME).content.decode()
    counts = groups(html)
    assert counts["建议草稿待提交"] == 1 and counts["联名邀请待确认"] == 1
    assert draft.title in html and invited.title in html and "联名代表1 邀请您联名" in html
    S.cosigner_confirm(actor=users["deputy"], suggestion=invited)
    assert "联名邀请待确认" not in groups(client_for("deputy").get(HOME).content.decode())
    # Nobody else sees a deputy's draft in their work.
    assert draft.title not in client_for("staff").get(HOME).content.decode()


def users_of(deputy):
    return deputy.person.user


def test_every_rule_code_in_use_has_a_name_and_a_source():
    codes = {p.rule for p in statute.REGISTRY.values()}
    root = __import__("pathlib").Path(rulebook.__file__).resolve().parents[1]
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        codes |= set(re.findall(r'rule="((?:§\d+\.\d+)|(?:S\d+))"', path.read_text("utf-8")))
    assert len(codes) > 40
    missing = sorted(c for c in codes if rulebook.rule(c) is None)
    assert missing == []
    assert all(rulebook.rule(c).source and str(rulebook.title(c)) != c for c in codes)
