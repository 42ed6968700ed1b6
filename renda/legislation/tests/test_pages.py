"""The office pages of local legislation, through the test client."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from renda.legislation import services
from renda.legislation.models import Plan, Project

from .conftest import today


def test_a_project_is_registered_and_carried_through_its_steps_in_the_pages(client_for, project, sc_meeting, second_draft):  # fmt: skip
    client = client_for("staff")
    url = reverse("legislation:project_detail", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "清河市养犬管理条例" in html and 'id="submit-form"' in html and 'id="schedule_reading-form"' not in html  # fmt: skip
    bad = client.post(reverse("legislation:project_act", args=[project.pk, "submit"]), {"submitted_on": "", "proposer_name": "市政府"})  # fmt: skip
    assert bad.status_code == 400
    assert "请填写提请日期" in bad.content.decode() and 'value="市政府"' in bad.content.decode()
    done = client.post(reverse("legislation:project_act", args=[project.pk, "submit"]), {"submitted_on": today().isoformat()})  # fmt: skip
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.status == "submitted"
    early, _v = sc_meeting(today() + dt.timedelta(days=3))
    project.versions.update(sent_on=today() - dt.timedelta(days=2))
    refused = client.post(reverse("legislation:project_act", args=[project.pk, "schedule_reading"]), {"meeting": early.pk})  # fmt: skip
    assert refused.status_code == 400 and "日前发给常委会组成人员" in refused.content.decode()
    project.versions.update(sent_on=today() - dt.timedelta(days=10))
    ok = client.post(reverse("legislation:project_act", args=[project.pk, "schedule_reading"]), {"meeting": early.pk})  # fmt: skip
    assert ok.status_code == 302
    assert project.readings.get().meeting == early
    client.post(reverse("legislation:project_act", args=[project.pk, "add_version"]), {"label": "二审稿", "text": second_draft, "sent_on": today().isoformat()})  # fmt: skip
    v2 = project.versions.get(number=2)
    compare = client.get(reverse("legislation:version_compare", args=[v2.pk]))
    assert compare.status_code == 200
    body = compare.content.decode()
    assert "<del>" in body and "<ins>" in body and "条序调整" in body
    version = client.get(reverse("legislation:version_detail", args=[v2.pk]))
    assert version.status_code == 200 and 'id="article-16"' in version.content.decode()


def test_unknown_step_and_other_roles_are_refused(client_for, project):
    client = client_for("staff")
    assert (
        client.post(reverse("legislation:project_act", args=[project.pk, "nope"])).status_code
        == 403
    )
    for role in ("member", "deputy", "unit_officer"):
        client = client_for(role)
        r = client.post(reverse("legislation:project_act", args=[project.pk, "withdraw"]), {"reason": "x"})  # fmt: skip
        assert r.status_code in (302, 403)
    assert Project.objects.get(pk=project.pk).status == "drafting"
    assert client_for("member").get(reverse("legislation:project_detail", args=[project.pk])).status_code == 200  # fmt: skip
    assert client_for("deputy").get(reverse("legislation:project_detail", args=[project.pk])).status_code in (302, 403)  # fmt: skip


def test_plan_pages_from_drafting_to_publication(client_for, staff, term):
    client = client_for("staff")
    r = client.post(reverse("legislation:plan_create"), {"kind": "annual", "title": "", "year_from": "2027"})  # fmt: skip
    assert r.status_code == 400 and "请填写名称" in r.content.decode()
    r = client.post(reverse("legislation:plan_create"), {"kind": "annual", "title": "2027年度立法计划", "year_from": "2027"})  # fmt: skip
    plan = Plan.objects.get()
    assert r.status_code == 302
    r = client.post(reverse("legislation:plan_act", args=[plan.pk, "add_item"]), {"title": "甲条例", "category": "formal"})  # fmt: skip
    assert r.status_code == 302 and plan.items.count() == 1
    r = client.post(reverse("legislation:plan_act", args=[plan.pk, "adopt"]), {"adopted_on": today().isoformat()})  # fmt: skip
    page = client.get(reverse("legislation:plan_detail", args=[plan.pk]))
    assert "approvals" in page.content.decode() or "党委同意" in page.content.decode()
    refused = client.post(reverse("legislation:plan_act", args=[plan.pk, "publish"]))
    assert refused.status_code == 400 and "党委同意" in refused.content.decode()
    assert client.get(reverse("legislation:plans")).status_code == 200


def test_the_moderation_queue_shows_the_contact_only_to_the_office(client_for, staff, project):
    version = project.versions.get()
    services.project_open_comment(actor=staff, project=project, version=version, opens_on=today(), closes_on=today() + dt.timedelta(days=40))  # fmt: skip
    c = services.comment_submit(actor=None, version=version, body="建议缩短登记期限。", name="李女士", contact="13900001111")  # fmt: skip
    page = client_for("staff").get(reverse("legislation:comments"))
    assert page.status_code == 200 and "13900001111" in page.content.decode()
    assert client_for("member").get(reverse("legislation:comments")).status_code == 403
    r = client_for("staff").post(reverse("legislation:comment_act", args=[c.pk, "withhold"]), {"reason": ""})  # fmt: skip
    assert r.status_code == 400
    r = client_for("staff").post(reverse("legislation:comment_act", args=[c.pk, "publish"]))
    c.refresh_from_db()
    assert r.status_code == 302 and c.status == "published"
    assert client_for("staff").get(reverse("legislation:contact_points")).status_code == 200
