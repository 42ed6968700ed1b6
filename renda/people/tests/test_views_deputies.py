"""Deputy pages (list, create, status) and the composition page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.people import services
from renda.people.models import Deputy, Membership, Organization, Person

pytestmark = pytest.mark.django_db

DEPUTY_LIST = reverse("people:deputy_list")
DEPUTY_CREATE = reverse("people:deputy_create")
COMPOSITION = reverse("people:composition")


@pytest.fixture
def dlg(jurisdiction):
    return Organization.objects.create(
        code="dlg-west", name="西城代表团", kind=Organization.Kind.DELEGATION
    )


def seat(term, dlg, n, *, category="other", reelected=False, prefix="代表"):
    for i in range(n):
        person = Person.objects.create(
            name=f"{prefix}{i:02d}", gender="male" if i % 2 else "female"
        )
        Deputy.objects.create(
            person=person, term=term, occupation_category=category, is_reelected=reelected
        )
        Membership.objects.create(
            person=person, organization=dlg, term=term, start_date=term.start_date
        )


def new_deputy_data(term, dlg, **extra):
    data = {
        "name": "冯新",
        "gender": "male",
        "ethnicity": "汉族",
        "birth_year": "1975",
        "party": "cpc",
        "occupation": "清河市农机站站长",
        "term": term.pk,
        "delegation": dlg.pk,
        "constituency": "第三选区",
        "electing_unit": "东城区",
        "occupation_category": "farmer",
        "is_reelected": "on",
    }
    data.update(extra)
    return data


# -- List ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 30])
def test_deputy_list_query_count_does_not_grow_with_rows(
    client_for, term, dlg, django_assert_num_queries, n
):
    seat(term, dlg, n)
    client = client_for("staff")
    # session, user, scope, chosen delegation, current term, count, rows (+person, term, delegation),
    # term and delegation choices, site name
    with django_assert_num_queries(10):
        response = client.get(DEPUTY_LIST, {"delegation": dlg.pk})
    assert response.context["page_obj"].paginator.count == n
    assert all(d.delegation_name == "西城代表团" for d in response.context["rows"])


def test_deputy_list_filters(client_for, term, dlg):
    seat(term, dlg, 4)
    seat(term, dlg, 2, category="leading_cadre", prefix="干部")
    Deputy.objects.filter(person__name="代表03").update(status="resigned")
    client = client_for("staff")
    names = lambda r: [d.person.name for d in r.context["rows"]]  # noqa: E731
    assert names(client.get(DEPUTY_LIST, {"occupation_category": "leading_cadre"})) == [
        "干部00",
        "干部01",
    ]
    assert names(client.get(DEPUTY_LIST, {"status": "resigned"})) == ["代表03"]
    assert names(client.get(DEPUTY_LIST, {"q": "干部"})) == ["干部00", "干部01"]
    other = Organization.objects.create(code="dlg-2", name="南城代表团", kind="delegation")
    assert names(client.get(DEPUTY_LIST, {"delegation": other.pk})) == []


def test_deputy_export(client_for, term, dlg):
    seat(term, dlg, 3)
    response = client_for("member").get(reverse("people:deputy_export"), {"delegation": dlg.pk})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "姓名" and len(rows) == 4
    assert {r[3] for r in rows[1:]} == {"西城代表团"}


# -- Create --------------------------------------------------------------------------------


def test_deputy_create_new_person(client_for, term, dlg):
    response = client_for("staff").post(DEPUTY_CREATE, new_deputy_data(term, dlg))
    deputy = Deputy.objects.get(person__name="冯新")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:deputy_detail", args=[deputy.pk])
    assert (
        deputy.occupation_category == "farmer"
        and deputy.is_reelected
        and deputy.constituency == "第三选区"
    )
    assert deputy.person.party == "cpc" and deputy.person.birth_year == 1975
    assert Membership.objects.filter(person=deputy.person, organization=dlg, term=term).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "people.person.created",
        "people.deputy.created",
        "people.membership.created",
    } <= actions


def test_deputy_create_existing_person(client_for, term, dlg, staff):
    person = services.person_create(actor=staff, name="陈旧", gender="female")
    before = Person.objects.count()
    form_page = client_for("staff").get(DEPUTY_CREATE, {"person": person.pk})
    assert form_page.context["form"].initial["existing_person"] == person
    response = client_for("staff").post(
        DEPUTY_CREATE, new_deputy_data(term, dlg, existing_person=person.pk, name="", gender="")
    )
    assert response.status_code == 302
    assert Person.objects.count() == before
    assert Deputy.objects.get(person=person).term == term


def test_deputy_create_defaults_to_current_term(client_for, term):
    response = client_for("staff").get(DEPUTY_CREATE)
    assert response.context["form"].initial["term"] == term


def test_deputy_create_needs_name_or_existing_person(client_for, term, dlg):
    response = client_for("staff").post(DEPUTY_CREATE, new_deputy_data(term, dlg, name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["请填写姓名，或选择已有人员。"]
    assert 'value="第三选区"' in response.content.decode()
    assert not Deputy.objects.exists()


def test_deputy_create_twice_is_refused(client_for, term, dlg, staff):
    person = services.person_create(actor=staff, name="重复者", gender="male")
    services.deputy_create(actor=staff, person=person, term=term)
    response = client_for("staff").post(
        DEPUTY_CREATE, new_deputy_data(term, dlg, existing_person=person.pk)
    )
    assert response.status_code == 200
    assert "重复者已是第17届代表。" in response.content.decode()
    assert Deputy.objects.filter(person=person).count() == 1


def test_deputy_create_failure_leaves_no_person(client_for, term, dlg, monkeypatch):
    def refuse(**kwargs):
        raise DomainError("deputy_refused", "代表登记被拒绝。")

    monkeypatch.setattr(services, "deputy_create", refuse)
    persons, events = Person.objects.count(), AuditEvent.objects.count()
    response = client_for("staff").post(DEPUTY_CREATE, new_deputy_data(term, dlg))
    assert response.status_code == 200
    assert "代表登记被拒绝。" in response.content.decode()
    assert Person.objects.count() == persons
    assert AuditEvent.objects.count() == events


def test_deputy_create_rejects_non_delegation(client_for, term):
    office = Organization.objects.get(code="office")
    response = client_for("staff").post(DEPUTY_CREATE, new_deputy_data(term, office))
    assert "代表团的取值无效。" in response.content.decode()
    assert not Person.objects.filter(name="冯新").exists()


# -- Status --------------------------------------------------------------------------------


def test_deputy_status_change(client_for, term, dlg, staff):
    person = services.person_create(actor=staff, name="褚代表", gender="male")
    deputy = services.deputy_create(actor=staff, person=person, term=term, delegation=dlg)
    client = client_for("staff")
    url = reverse("people:deputy_status", args=[deputy.pk])
    response = client.post(url, {"status": "resigned", "on": ""})
    assert response.status_code == 400
    assert "请填写原因。" in response.content.decode()
    response = client.post(url, {"status": "resigned", "on": "2024-03-01", "reason": "本人辞职"})
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert deputy.status == "resigned" and deputy.status_date == dt.date(2024, 3, 1)
    page = client.get(reverse("people:deputy_detail", args=[deputy.pk])).content.decode()
    assert "代表状态变更" in page and "辞职" in page
    # A final status has no further transitions: the form is not offered and a post is refused.
    assert url not in page
    response = client.post(url, {"status": "active", "reason": "x"})
    assert response.status_code == 400
    deputy.refresh_from_db()
    assert deputy.status == "resigned"


def test_deputy_status_refused_for_member(client_for, term, dlg, staff):
    person = services.person_create(actor=staff, name="卫代表", gender="male")
    deputy = services.deputy_create(actor=staff, person=person, term=term)
    client = client_for("member")
    page = client.get(reverse("people:deputy_detail", args=[deputy.pk]))
    assert page.status_code == 200
    assert reverse("people:deputy_status", args=[deputy.pk]) not in page.content.decode()
    response = client.post(
        reverse("people:deputy_status", args=[deputy.pk]), {"status": "resigned", "reason": "x"}
    )
    assert response.status_code == 403
    deputy.refresh_from_db()
    assert deputy.status == "active"


def test_deputy_detail_unknown_is_404(client_for, term):
    assert (
        client_for("staff").get(reverse("people:deputy_detail", args=[424242])).status_code == 404
    )


# -- Composition ---------------------------------------------------------------------------


def _row(html, key):
    start = html.index(f'data-figure="{key}"')
    return html[start : html.index("</tr>", start)]


def test_composition_pass_fail_changes_with_a_leading_cadre(client_for, term, dlg, staff):
    seat(term, dlg, 2, reelected=True)
    seat(term, dlg, 1, category="leading_cadre", prefix="干部")
    client = client_for("member")
    html = client.get(COMPOSITION).content.decode()
    row = _row(html, "leading_cadres")
    assert 'data-passed="pass"' in row and "1 / 3" in row and "符合" in row
    assert 'title="意见 三(十)1' in row and "S20" in row

    person = services.person_create(actor=staff, name="新干部", gender="male")
    services.deputy_create(
        actor=staff, person=person, term=term, occupation_category="leading_cadre"
    )
    html = client.get(COMPOSITION).content.decode()
    row = _row(html, "leading_cadres")
    assert 'data-passed="fail"' in row and "2 / 4" in row and "不符合" in row


def test_composition_charts_use_json_script_and_no_inline_code(client_for, term, dlg):
    seat(term, dlg, 3)
    response = client_for("staff").get(COMPOSITION)
    html = response.content.decode()
    assert (
        'data-echarts="chart-share"' in html and 'id="chart-share" type="application/json"' in html
    )
    assert "vendor/echarts/echarts.min.js" in html
    assert "<script>" not in html
    option = response.context["share_option"]
    assert option["series"][0]["data"][0]["value"] == 0.0
    assert 'data-figure="sc_size"' in html  # standing-committee table


def test_pages_work_before_any_term_exists(client_for, users):
    client = client_for("staff")
    assert client.get(reverse("people:person_list"), {"deputy": "1"}).status_code == 200
    assert client.get(DEPUTY_LIST).context["page_obj"].paginator.count == 0
    html = client.get(COMPOSITION).content.decode()
    assert "尚未设置届次" in html
