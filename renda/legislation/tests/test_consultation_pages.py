"""The pages of experts, consultations, hearings and evaluations."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from renda.legislation import services
from renda.legislation.models import Consultation, Expert, HearingRegistration, Project

from .conftest import today


def test_the_office_adds_an_expert_and_arranges_a_hearing_a_citizen_registers(client_for, client, staff, project):  # fmt: skip
    office = client_for("staff")
    bad = office.post(reverse("legislation:expert_create"), {"name": "陈立言", "fields": "", "contact": "13911112222"})  # fmt: skip
    assert bad.status_code == 400 and 'value="13911112222"' in bad.content.decode()
    office.post(reverse("legislation:expert_create"), {"name": "陈立言", "fields": "行政法", "contact": "13911112222"})  # fmt: skip
    expert = Expert.objects.get()
    page = office.get(reverse("legislation:experts"))
    assert "13911112222" in page.content.decode()
    assert (
        "13911112222"
        not in client_for("member").get(reverse("legislation:experts")).content.decode()
    )
    office = client_for("staff")
    r = office.post(reverse("legislation:project_act", args=[project.pk, "plan_consultation"]), {
        "kind": "hearing", "title": "养犬管理听证会", "held_on": (today() + dt.timedelta(days=20)).isoformat(),
        "notice": "欢迎报名。", "registration_closes_on": (today() + dt.timedelta(days=25)).isoformat(),
    })  # fmt: skip
    assert r.status_code == 400 and "报名截止日期应在" in r.content.decode()
    r = office.post(reverse("legislation:project_act", args=[project.pk, "plan_consultation"]), {
        "kind": "hearing", "title": "养犬管理听证会", "held_on": (today() + dt.timedelta(days=20)).isoformat(),
        "notice": "欢迎报名。", "registration_closes_on": (today() + dt.timedelta(days=10)).isoformat(),
    })  # fmt: skip
    hearing = Consultation.objects.get()
    assert r.status_code == 302
    client.logout()
    url = reverse("portal:legislation_hearing", args=[hearing.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"name": "钱女士", "contact": "13600001111", "side": "for", "summary": ""}
    )
    assert bad.status_code == 400 and 'value="13600001111"' in bad.content.decode()
    ok = client.post(url, {"name": "钱女士", "contact": "13600001111", "side": "for", "summary": "支持。"})  # fmt: skip
    assert ok.status_code == 200 and 'id="registered"' in ok.content.decode()
    assert HearingRegistration.objects.get().contact == "13600001111"
    services.consultation_select_speakers(actor=staff, consultation=hearing, registrations=list(HearingRegistration.objects.all()))  # fmt: skip
    public = client.get(url).content.decode()
    assert "钱女士" not in public and "13600001111" not in public and "赞成" in public
    assert "养犬管理听证会" in client.get(reverse("portal:legislation")).content.decode()
    office = client_for("staff")
    detail = office.get(reverse("legislation:consultation_detail", args=[hearing.pk]))
    assert detail.status_code == 200 and "13600001111" in detail.content.decode()
    r = office.post(reverse("legislation:consultation_act", args=[hearing.pk, "cancel"]), {"reason": "改期"})  # fmt: skip
    hearing.refresh_from_db()
    assert r.status_code == 302 and hearing.status == "cancelled"
    assert expert.pk


def test_an_evaluation_page_reports_and_follows_up(client_for, staff, project):
    Project.objects.filter(pk=project.pk).update(status="promulgated", effective_on=today() - dt.timedelta(days=500))  # fmt: skip
    office = client_for("staff")
    r = office.post(reverse("legislation:project_act", args=[project.pk, "plan_evaluation"]), {"started_on": today().isoformat(), "plan": "问卷调查。"})  # fmt: skip
    assert r.status_code == 302
    ev = project.evaluations.get()
    url = reverse("legislation:evaluation_act", args=[ev.pk, "report"])
    bad = office.post(
        url, {"reported_on": today().isoformat(), "conclusion": "amend", "report": ""}
    )
    assert bad.status_code == 400
    office.post(url, {"reported_on": today().isoformat(), "conclusion": "amend", "report": "建议修改第十六条。"})  # fmt: skip
    page = office.get(reverse("legislation:evaluation_detail", args=[ev.pk]))
    assert 'id="follow_up-form"' in page.content.decode()
    office.post(reverse("legislation:evaluation_act", args=[ev.pk, "follow_up"]))
    ev.refresh_from_db()
    assert ev.follow_up is not None and ev.follow_up.kind == "amend"
