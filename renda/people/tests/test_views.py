"""Back-office pages for persons and organizations, through the test client."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.models import AuditEvent
from renda.people import services
from renda.people.exports import safe_cell
from renda.people.models import Deputy, Membership, Organization, Person

pytestmark = pytest.mark.django_db

PERSON_LIST = reverse("people:person_list")
PERSON_EXPORT = reverse("people:person_export")


def delegation(code="dlg-east", name="东城代表团"):
    return Organization.objects.create(code=code, name=name, kind=Organization.Kind.DELEGATION)


def make_persons(n, term, dlg=None):
    """n persons; every other one a deputy of ``term`` in ``dlg``."""
    dlg = dlg or delegation()
    people = []
    for i in range(n):
        p = Person.objects.create(
            name=f"人员{i:02d}",
            gender="male" if i % 2 else "female",
            birth_year=1960 + i,
            phone=f"1380000{i:04d}",
        )
        if i % 2 == 0:
            Deputy.objects.create(person=p, term=term)
            Membership.objects.create(
                person=p, organization=dlg, term=term, start_date=term.start_date
            )
        people.append(p)
    return people


# -- List, filters, query counts -----------------------------------------------------------


@pytest.mark.parametrize("n", [5, 30])
def test_person_list_query_count_does_not_grow_with_rows(
    client_for, term, django_assert_num_queries, n
):
    make_persons(n, term)
    client = client_for("staff")
    # session, user, user's scope, current term, count, page rows, delegation choices, site name
    with django_assert_num_queries(8):
        response = client.get(PERSON_LIST, {"gender": "female", "sort": "-birth_year"})
    assert response.status_code == 200
    # the users fixture adds four women without a mandate
    assert len(response.context["rows"]) == (n + 1) // 2 + 4


def test_person_list_filters_sort_and_counts(client_for, term):
    dlg = delegation()
    make_persons(6, term, dlg)
    Person.objects.create(name="王教育", gender="male", occupation="市教育局局长", birth_year=1970)
    client = client_for("staff")
    response = client.get(PERSON_LIST, {"deputy": "1"})
    names = [p.name for p in response.context["rows"]]
    assert names == ["人员00", "人员02", "人员04"]
    assert response.context["page_obj"].paginator.count == 3
    response = client.get(PERSON_LIST, {"q": "教育"})
    assert [p.name for p in response.context["rows"]] == ["王教育"]
    response = client.get(PERSON_LIST, {"delegation": dlg.pk, "sort": "-birth_year"})
    assert [p.name for p in response.context["rows"]] == ["人员04", "人员02", "人员00"]
    assert "东城代表团" in response.content.decode()
    response = client.get(PERSON_LIST, {"sort": "birth_year", "deputy": "0", "gender": "male"})
    assert [p.name for p in response.context["rows"]] == ["人员01", "人员03", "人员05", "王教育"]


def test_person_list_paginates_by_50(client_for, term):
    Person.objects.bulk_create([Person(name=f"批量{i}", gender="male") for i in range(55)])
    client = client_for("staff")
    first = client.get(PERSON_LIST, {"gender": "male"})
    assert len(first.context["rows"]) == 50
    second = client.get(PERSON_LIST, {"gender": "male", "page": 2})
    assert len(second.context["rows"]) == 5
    assert "第 2 / 2 页" in second.content.decode()


def test_contact_columns_only_for_users_with_the_permission(client_for, term):
    make_persons(2, term)
    staff_page = client_for("staff").get(PERSON_LIST).content.decode()
    assert "13800000001" in staff_page and "联系电话" in staff_page
    member_page = client_for("member").get(PERSON_LIST)
    assert member_page.status_code == 200
    assert "13800000001" not in member_page.content.decode()
    assert "联系电话" not in member_page.content.decode()


# -- Export --------------------------------------------------------------------------------


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_export_matches_filters_and_escapes_formulas(client_for, term):
    make_persons(4, term)
    Person.objects.create(
        name="=HYPERLINK(1)",
        gender="female",
        occupation="+SUM(A1)",
        address="@evil",
        phone="-1234567",
        email="a@b.cn",
    )
    rows = _sheet(client_for("staff").get(PERSON_EXPORT, {"gender": "female"}))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["姓名", "性别"] and "联系电话" in header
    assert [r[0] for r in body if not r[0].startswith("测试")] == [
        "人员00",
        "人员02",
        "'=HYPERLINK(1)",
    ]
    assert len(body) == Person.objects.filter(gender="female").count()
    evil = body[-1]
    assert evil[header.index("工作单位及职务")] == "'+SUM(A1)"
    assert evil[header.index("通讯地址")] == "'@evil"
    assert evil[header.index("联系电话")] == "'-1234567"
    assert all(
        not str(cell).startswith(("=", "+", "-", "@")) for row in body for cell in row if cell
    )


def test_export_hides_contact_without_permission(client_for, term):
    make_persons(2, term)
    rows = _sheet(client_for("member").get(PERSON_EXPORT))
    assert "联系电话" not in rows[0]
    assert len(rows) == 1 + Person.objects.count()


def test_safe_cell_keeps_numbers_and_plain_text():
    assert safe_cell(1970) == 1970
    assert safe_cell("王") == "王"
    assert safe_cell(None) == ""
    assert safe_cell("=1+1") == "'=1+1"


# -- Detail, create, edit ------------------------------------------------------------------


def test_person_detail_shows_memberships_mandates_and_timeline(client_for, term, staff):
    person = services.person_create(actor=staff, name="李明", gender="male")
    dlg = delegation()
    services.deputy_create(actor=staff, person=person, term=term, delegation=dlg)
    page = client_for("staff").get(reverse("people:person_detail", args=[person.pk]))
    html = page.content.decode()
    assert "东城代表团" in html and "第17届" in html
    assert "新增人员" in html and "登记代表资格" in html and "新增任职" in html
    assert staff.name in html and staff.get_username() not in html  # a name, never the login
    assert reverse("people:person_edit", args=[person.pk]) in html
    member_html = (
        client_for("member").get(reverse("people:person_detail", args=[person.pk])).content.decode()
    )
    assert reverse("people:person_edit", args=[person.pk]) not in member_html


def test_person_detail_unknown_id_is_404(client_for, term):
    assert (
        client_for("staff").get(reverse("people:person_detail", args=[999999])).status_code == 404
    )
    assert client_for("staff").get(reverse("people:person_edit", args=[999999])).status_code == 404


def test_person_create_happy_path(client_for, term):
    response = client_for("staff").post(
        reverse("people:person_create"),
        {
            "name": "赵敏",
            "gender": "female",
            "ethnicity": "回族",
            "birth_year": "1980",
            "party": "cpc",
            "occupation": "清河市第一中学教师",
            "phone": "13900000000",
        },
    )
    person = Person.objects.get(name="赵敏")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert person.ethnicity == "回族" and person.birth_year == 1980
    assert AuditEvent.objects.filter(
        action="people.person.created", object_id=str(person.pk)
    ).exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "请填写姓名。"), ("   ", "请填写姓名。"), ("长" * 41, "姓名不能超过40个字符。")],
)
def test_person_create_bad_name_keeps_input_and_writes_nothing(client_for, term, name, message):
    before = Person.objects.count()
    response = client_for("staff").post(
        reverse("people:person_create"),
        {
            "name": name,
            "gender": "male",
            "ethnicity": "汉族",
            "party": "none",
            "occupation": "保留的单位",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "保留的单位" in html
    assert Person.objects.count() == before


def test_person_create_bad_birth_year_names_the_field(client_for, term):
    response = client_for("staff").post(
        reverse("people:person_create"),
        {
            "name": "甲",
            "gender": "male",
            "ethnicity": "汉族",
            "party": "none",
            "birth_year": "1800",
        },
    )
    assert "出生年份不能早于1900年。" in response.content.decode()
    assert not Person.objects.filter(name="甲").exists()


def test_person_create_domain_error_shown_on_form(client_for, term, monkeypatch):
    from renda.core.errors import DomainError

    def refuse(**kwargs):
        raise DomainError("field_required", "请填写{label}。", field="name", label="姓名")

    monkeypatch.setattr(services, "person_create", refuse)
    response = client_for("staff").post(
        reverse("people:person_create"),
        {
            "name": "乙",
            "gender": "male",
            "ethnicity": "汉族",
            "party": "none",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["请填写姓名。"]


def test_person_edit_happy_path_and_audit(client_for, term, staff):
    person = services.person_create(actor=staff, name="钱程", gender="male")
    response = client_for("staff").post(
        reverse("people:person_edit", args=[person.pk]),
        {
            "name": "钱程远",
            "gender": "male",
            "ethnicity": "汉族",
            "party": "demleague",
            "phone": "",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "钱程远" and person.party == "demleague"
    event = AuditEvent.objects.filter(action="people.person.updated").get()
    assert event.changes["name"] == ["钱程", "钱程远"]


def test_person_edit_form_is_prefilled(client_for, term, staff):
    person = services.person_create(actor=staff, name="孙立", gender="female", occupation="律师")
    html = client_for("staff").get(reverse("people:person_edit", args=[person.pk])).content.decode()
    assert 'value="孙立"' in html and 'value="律师"' in html


# -- Organizations -------------------------------------------------------------------------

ORG_LIST = reverse("people:organization_list")


@pytest.mark.parametrize("n", [5, 30])
def test_organization_list_query_count(client_for, term, django_assert_num_queries, n):
    for i in range(n):
        org = Organization.objects.create(code=f"dlg-{i}", name=f"第{i}代表团", kind="delegation")
        p = Person.objects.create(name=f"成员{i}", gender="male")
        Membership.objects.create(person=p, organization=org, start_date=dt.date(2022, 1, 10))
    client = client_for("staff")
    # session, user, user's scope, count, page rows (with parent and member counts), site name
    with django_assert_num_queries(6):
        response = client.get(ORG_LIST, {"kind": "delegation"})
    assert response.context["page_obj"].paginator.count == n
    assert all(o.member_count == 1 for o in response.context["rows"])


def test_organization_list_filters_by_kind_and_search(client_for, term):
    client = client_for("staff")
    response = client.get(ORG_LIST, {"kind": "special_committee"})
    names = {o.name for o in response.context["rows"]}
    assert names == {"法制委员会", "财政经济委员会", "教育科学文化卫生委员会"}
    response = client.get(ORG_LIST, {"q": "财政经济"})
    assert {o.name for o in response.context["rows"]} == {"财政经济委员会", "财政经济工作委员会"}


def test_organization_detail_shows_parent_children_members(client_for, term, staff):
    sc = Organization.objects.get(code="standing-committee")
    person = services.person_create(actor=staff, name="周主任", gender="male")
    services.membership_create(
        actor=staff, person=person, organization=sc, start_date=dt.date(2022, 1, 10), role="chair"
    )
    html = (
        client_for("staff")
        .get(reverse("people:organization_detail", args=[sc.pk]))
        .content.decode()
    )
    assert "清河市人民代表大会" in html  # parent
    assert "办公室" in html and "研究室" in html  # children
    assert "周主任" in html
    assert "新增任职" in html  # timeline


def test_organization_create_and_edit(client_for, term):
    client = client_for("staff")
    gov = Organization.objects.get(code="government")
    response = client.post(
        reverse("people:organization_create"),
        {
            "name": "清河市财政局",
            "kind": "government_department",
            "parent": gov.pk,
            "code": "finance-bureau",
            "sort_order": "100",
            "is_public": "on",
        },
    )
    org = Organization.objects.get(code="finance-bureau")
    assert response.status_code == 302 and org.parent == gov
    response = client.post(
        reverse("people:organization_edit", args=[org.pk]),
        {
            "name": "清河市财政局（改）",
            "kind": "government_department",
            "parent": gov.pk,
            "code": "finance-bureau",
            "sort_order": "5",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "清河市财政局（改）" and org.sort_order == 5 and not org.is_public


def test_organization_duplicate_code_shown_on_field(client_for, term):
    response = client_for("staff").post(
        reverse("people:organization_create"),
        {
            "name": "重复机构",
            "kind": "other_unit",
            "code": "office",
            "sort_order": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["机构代码“office”已被使用。"]
    assert not Organization.objects.filter(name="重复机构").exists()


def test_organization_cannot_be_its_own_ancestor(client_for, term):
    sc = Organization.objects.get(code="standing-committee")
    office = Organization.objects.get(code="office")
    response = client_for("staff").post(
        reverse("people:organization_edit", args=[sc.pk]),
        {
            "name": sc.name,
            "kind": sc.kind,
            "parent": office.pk,
            "code": sc.code,
            "sort_order": "1",
        },
    )
    assert response.status_code == 200
    assert "上级机构不能是本机构或其下级机构。" in response.content.decode()
    sc.refresh_from_db()
    assert sc.parent.code == "congress"


def _membership_post(client, org, person, **extra):
    data = {"person": person.pk, "role": "member", "start_date": "2023-01-01", **extra}
    return client.post(reverse("people:membership_create", args=[org.pk]), data)


def test_membership_add_happy_path_duplicate_and_reversed_dates(client_for, term, staff):
    org = Organization.objects.get(code="wc-finance")
    person = services.person_create(actor=staff, name="吴成员", gender="male")
    client = client_for("staff")
    response = _membership_post(client, org, person, term=term.pk, is_full_time="on")
    assert response.status_code == 302
    assert (
        Membership.objects.filter(person=person, organization=org, is_full_time=True).count() == 1
    )

    response = _membership_post(client, org, person, start_date="2024-05-01")
    assert response.status_code == 200
    assert "吴成员在财政经济工作委员会已有时间重叠的同一任职。" in response.content.decode()
    assert Membership.objects.filter(person=person, organization=org).count() == 1

    other = services.person_create(actor=staff, name="郑成员", gender="female")
    response = _membership_post(client, org, other, start_date="2024-05-01", end_date="2024-04-01")
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == ["结束日期不能早于开始日期。"]
    assert 'value="2024-05-01"' in response.content.decode()
    assert not Membership.objects.filter(person=other).exists()


def test_membership_add_unknown_org_is_404(client_for, term):
    assert (
        client_for("staff").get(reverse("people:membership_create", args=[999999])).status_code
        == 404
    )


# -- Permissions ---------------------------------------------------------------------------

READ_URLS = [
    "people:person_list",
    "people:person_export",
    "people:deputy_list",
    "people:organization_list",
]
WRITE_URLS = ["people:person_create", "people:deputy_create", "people:organization_create"]


@pytest.mark.parametrize("role", ["deputy", "unit_officer"])
@pytest.mark.parametrize("name", [*READ_URLS, *WRITE_URLS, "people:composition"])
def test_deputies_and_unit_officers_are_refused(client_for, term, role, name):
    assert client_for(role).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", WRITE_URLS)
def test_members_may_read_but_not_write(client_for, term, name):
    client = client_for("member")
    assert client.get(reverse("people:person_list")).status_code == 200
    assert client.get(reverse(name)).status_code == 403
    before = Person.objects.count()
    client.post(
        reverse("people:person_create"),
        {"name": "越权", "gender": "male", "ethnicity": "汉族", "party": "none"},
    )
    assert Person.objects.count() == before


def test_anonymous_is_sent_to_login(client, term):
    response = client.get(PERSON_LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_navigation_shows_only_allowed_items(client_for, term):
    staff_html = client_for("staff").get(PERSON_LIST).content.decode()
    assert "人员与机构" in staff_html and reverse("people:deputy_create") in staff_html
    member_html = client_for("member").get(PERSON_LIST).content.decode()
    assert reverse("people:person_list") in member_html
    assert reverse("people:deputy_create") not in member_html
