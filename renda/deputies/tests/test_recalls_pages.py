"""The recall pages (§2.11): the create form states the law before it is filled, a refused step
keeps what was typed and says why, the detail page shows the petition, the defence, the vote
with each figure's share of the electorate, and offers only the route's own steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.deputies.models import Recall
from renda.people.models import Deputy, Jurisdiction

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _create(client, deputy, **over):
    body = {
        "deputy": deputy.pk,
        "filed_on": TODAY().isoformat(),
        "proposer": "原选区选民张某等62人",
        "petitioners": "62",
        "reasons": "该代表长期不履行代表职责。",
        **over,
    }
    return client.post(reverse("deputies:recall_create"), body)


def test_a_county_recall_from_petition_to_vote(client_for, deputies):
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)
    client = client_for("staff")
    page = client.get(reverse("deputies:recall_create")).content.decode()
    assert "选举法第五十条" in page and "50人以上" in page and "过半数" in page
    assert 'name="petitioners"' in page
    refused = _create(client, deputies[2], petitioners="49", proposer="原选区选民李某等49人")
    text = refused.content.decode()
    assert refused.status_code == 400 and not Recall.objects.exists()
    assert "原选区选民李某等49人" in text and "50人以上联名" in text  # input kept, reason shown
    assert 'value="49"' in text
    assert _create(client, deputies[2]).status_code == 302
    r = Recall.objects.get()
    detail_url = reverse("deputies:recall_detail", args=[r.pk])
    detail = client.get(detail_url).content.decode()
    assert deputies[2].person.name in detail and "原选区选民张某等62人" in detail
    assert 'id="distribute-form"' in detail and 'id="withdraw-form"' in detail
    assert 'id="record_decision-form"' not in detail and 'id="record_vote-form"' not in detail

    act = lambda verb: reverse("deputies:recall_act", args=[r.pk, verb])  # noqa: E731
    future = (TODAY() + dt.timedelta(days=1)).isoformat()
    bad = client.post(act("distribute"), {"distributed_on": future, "defence": "本人书面申辩"})
    assert bad.status_code == 400 and "本人书面申辩" in bad.content.decode()
    assert "不能晚于今天" in bad.content.decode()
    ok = client.post(act("distribute"), {"distributed_on": TODAY().isoformat(), "defence": "本人书面申辩"})  # fmt: skip
    assert ok.status_code == 302
    detail = client.get(detail_url).content.decode()
    assert "本人书面申辩" in detail and 'id="record_vote-form"' in detail
    assert 'id="distribute-form"' not in detail

    vote = {"voted_on": TODAY().isoformat(), "electorate": "1000", "votes_for": "700",
            "votes_against": "250", "votes_other": "100"}  # fmt: skip
    bad = client.post(act("record_vote"), vote)
    assert bad.status_code == 400 and "超过原选区选民总数" in bad.content.decode()
    assert 'value="700"' in bad.content.decode()
    vote |= {"votes_for": "501", "votes_against": "79", "votes_other": "20"}
    assert client.post(act("record_vote"), vote).status_code == 302
    detail = client.get(detail_url).content.decode()
    assert "罢免通过" in detail and "50.1%" in detail and "60.0%" in detail  # share of electorate
    assert "501 票以上" in detail and 'id="actions"' not in detail
    assert Deputy.objects.get(pk=deputies[2].pk).status == Deputy.Status.RECALLED
    listed = client.get(reverse("deputies:recalls")).content.decode()
    assert f'data-recall="{r.pk}"' in listed and deputies[2].person.name in listed


def test_a_city_recall_records_the_electing_body_decision(client_for, deputies):
    client = client_for("staff")
    page = client.get(reverse("deputies:recall_create")).content.decode()
    assert "选举法第五十一条" in page and 'name="petitioners"' not in page
    assert _create(client, deputies[3], proposer="清河区人民代表大会主席团").status_code == 302
    r = Recall.objects.get()
    assert r.route == "electing_body" and r.petitioners is None
    detail = client.get(reverse("deputies:recall_detail", args=[r.pk])).content.decode()
    assert 'id="record_decision-form"' in detail and 'id="distribute-form"' not in detail
    act = reverse("deputies:recall_act", args=[r.pk, "record_decision"])
    bad = client.post(act, {"recalled": "1", "decided_on": "2000-01-01", "document": "清河区人大常委会决定"})  # fmt: skip
    assert bad.status_code == 400 and "清河区人大常委会决定" in bad.content.decode()
    ok = {"recalled": "0", "decided_on": TODAY().isoformat(), "document": "清河区人大常委会决定"}
    assert client.post(act, ok).status_code == 302
    r.refresh_from_db()
    assert r.status == "not_recalled"
    detail = client.get(reverse("deputies:recall_detail", args=[r.pk])).content.decode()
    assert "清河区人大常委会决定" in detail and "罢免未通过" in detail
    # a step the route does not take is refused, with nothing changed
    wrong = client.post(reverse("deputies:recall_act", args=[r.pk, "distribute"]), {})
    assert wrong.status_code == 400
    assert client.post(reverse("deputies:recall_act", args=[r.pk, "nope"]), {}).status_code == 403


def test_withdraw_from_the_page_and_who_may_see(client_for, deputies):
    client = client_for("staff")
    assert _create(client, deputies[4]).status_code == 302
    r = Recall.objects.get()
    act = reverse("deputies:recall_act", args=[r.pk, "withdraw"])
    assert client.post(act, {"reason": ""}).status_code == 400
    assert client.post(act, {"reason": "提出人撤回"}).status_code == 302
    assert Recall.objects.get().status == "withdrawn"
    leader = client_for("leader")
    assert leader.get(reverse("deputies:recalls")).status_code == 200
    detail = leader.get(reverse("deputies:recall_detail", args=[r.pk])).content.decode()
    assert "提出人撤回" in detail and 'id="actions"' not in detail
    assert leader.get(reverse("deputies:recall_create")).status_code == 403
    assert client_for("deputy").get(reverse("deputies:recalls")).status_code == 403
