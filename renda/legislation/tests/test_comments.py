"""Public comment per article (S5; 立法法 第40、90条): the period, moderation, groups and the
published summary; the writer's contact never leaves the office."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.errors import Conflict, DomainError, NotFound
from renda.core.models import AuditEvent
from renda.legislation import selectors, services
from renda.legislation.models import Project, PublicComment

from .conftest import today


def _open(staff, project, days=30):
    version = project.versions.order_by("-number").first()
    services.project_open_comment(
        actor=staff, project=project, version=version, opens_on=today(),
        closes_on=today() + dt.timedelta(days=days - 1),
    )  # fmt: skip
    version.refresh_from_db()
    return version


def test_the_comment_period_lasts_at_least_the_statutory_days(staff, project):
    version = project.versions.get()
    with pytest.raises(DomainError) as exc:
        _open(staff, project, days=29)
    assert exc.value.code == "comment_period_short"  # 立法法 第40条: 30 days
    version.refresh_from_db()
    assert version.comment_opens_on is None
    _open(staff, project, days=30)
    version.refresh_from_db()
    assert version.open_for_comment(today())
    assert not version.open_for_comment(today() + dt.timedelta(days=30))


def test_a_citizen_comments_on_an_article_and_the_office_moderates(staff, users, project):
    version = _open(staff, project)
    article = version.provisions.get(kind="article", label="第十六条")
    comment = services.comment_submit(
        actor=None, version=version, provision=article, body="牵引绳一点五米更安全。",
        name="王先生", contact="13800000000",
    )  # fmt: skip
    services.comment_submit(actor=None, version=version, body="整体赞成。")
    assert comment.status == "pending" and len(comment.code) == 14
    assert services.by_code(comment.code.lower().replace("-", " ")) == comment
    with pytest.raises(NotFound):
        services.by_code("AAAA-BBBB-CCCC")
    events = AuditEvent.objects.filter(action="legislation.comment.submit")
    assert events.count() == 2
    assert all(
        "13800000000" not in str(e.changes) and "王先生" not in str(e.changes) for e in events
    )
    counts = {p.label: p.comment_count for p in selectors.provisions_with_counts(version, public=False)}  # fmt: skip
    assert counts["第十六条"] == 1 and counts["第一条"] == 0
    public = {p.label: p.comment_count for p in selectors.provisions_with_counts(version, public=True)}  # fmt: skip
    assert public["第十六条"] == 0  # not yet moderated
    services.comment_publish(actor=staff, comment=comment)
    public = {p.label: p.comment_count for p in selectors.provisions_with_counts(version, public=True)}  # fmt: skip
    assert public["第十六条"] == 1
    shown = selectors.published_comments(version).get()
    assert shown.body == comment.body
    with pytest.raises(DomainError):
        services.comment_withhold(actor=staff, comment=comment, reason="")
    services.comment_withhold(actor=staff, comment=comment, reason="含个人信息")
    assert not selectors.published_comments(version).exists()


def test_comments_are_refused_outside_the_period_and_on_another_drafts_article(staff, project):
    version = project.versions.get()
    with pytest.raises(Conflict) as exc:
        services.comment_submit(actor=None, version=version, body="意见")
    assert exc.value.code == "comment_closed"
    version = _open(staff, project)
    other = services.project_create(actor=staff, title="另一条例", proposer="government")
    services.project_argue(actor=staff, project=other, argued_on=today(), argument="可行")
    v2 = services.project_add_version(actor=staff, project=other, label="草案", text="第一条　甲。\n第二条　乙。")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.comment_submit(actor=None, version=version, provision=v2.provisions.first(), body="意见")  # fmt: skip
    assert exc.value.code == "provision_unknown"
    assert PublicComment.objects.count() == 0


def test_groups_with_their_handling_and_the_summary_after_the_vote(staff, project):
    version = _open(staff, project)
    point = services.contact_point_create(actor=staff, name="望湖街道基层立法联系点", organisation="望湖街道办事处")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.comment_record(actor=staff, version=version, body="意见", source="contact_point")
    assert exc.value.field == "contact_point"
    a = services.comment_record(actor=staff, version=version, body="罚款偏高。", source="contact_point", contact_point=point)  # fmt: skip
    b = services.comment_submit(actor=None, version=version, body="罚款应当提高。")
    group = services.project_group_comments(actor=staff, project=project, comments=[a, b], title="罚款数额")  # fmt: skip
    assert set(group.comments.all()) == {a, b}
    Project.objects.filter(pk=project.pk).update(status="passed")
    project.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        services.project_publish_feedback(actor=staff, project=project, feedback="通报")
    assert exc.value.code == "groups_pending"
    with pytest.raises(DomainError):
        services.project_decide_group(actor=staff, project=project, group=group, handling="pending", reason="x")  # fmt: skip
    services.project_decide_group(actor=staff, project=project, group=group, handling="not_adopted", reason="与上位法衔接")  # fmt: skip
    services.project_publish_feedback(actor=staff, project=project, feedback="共收到意见2条。")
    project.refresh_from_db()
    assert project.feedback_published_at is not None


def test_the_feedback_waits_for_the_vote(staff, project):
    with pytest.raises(Conflict) as exc:
        services.project_publish_feedback(actor=staff, project=project, feedback="通报")
    assert exc.value.code == "status_not_allowed"


def test_comment_closes_when_the_bill_goes_to_the_vote(staff, project):
    version = _open(staff, project)
    assert version.open_for_comment(today())
    Project.objects.filter(pk=project.pk).update(status="voting")
    version = type(version).objects.select_related("project").get(pk=version.pk)
    assert not version.open_for_comment(today())
    with pytest.raises(Conflict) as exc:
        services.comment_submit(actor=None, version=version, body="表决后的意见")
    assert exc.value.code == "comment_closed"
