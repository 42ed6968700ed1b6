"""People services: validation, duplicates, dates, permissions, audit, no half-written data."""

import datetime as dt

import pytest

from renda.core.audit import verify_chain
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.people import services
from renda.people.models import Deputy, Membership, Organization, Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def delegation(jurisdiction, staff):
    return services.organization_create(
        actor=staff,
        name="东城区代表团",
        kind=Organization.Kind.DELEGATION,
        code="del-dongcheng",
        parent=Organization.objects.get(code="congress"),
    )


def test_jurisdiction_setup_creates_the_city_structure_of_s29(jurisdiction):
    codes = set(Organization.objects.values_list("code", flat=True))
    # S29: city special committees and the SC's "two offices and six working committees".
    for code in (
        "sp-legal",
        "sp-finance",
        "sp-education",
        "office",
        "research",
        "wc-legal",
        "wc-finance",
        "wc-agriculture",
        "wc-environment",
        "wc-education",
        "wc-deputy-affairs",
    ):
        assert code in codes
    assert Organization.objects.get(code="standing-committee").parent.code == "congress"
    assert Organization.objects.get(code="congress").name == "清河市人民代表大会"


def test_county_structure_of_s29(db):
    from renda.accounts.models import Role, User

    root = User.objects.create_superuser("r", password="x", role=Role.ADMIN)
    services.jurisdiction_setup(actor=root, name="青山县", level="county")
    codes = set(Organization.objects.values_list("code", flat=True))
    assert "sp-education" not in codes and "research" not in codes and "wc-agriculture" not in codes
    assert Organization.objects.get(code="wc-finance").name == "财经农业工作委员会"
    assert Organization.objects.get(code="court").name == "青山县人民法院"
    with pytest.raises(Conflict):
        services.jurisdiction_setup(actor=root, name="又一县", level="county")


def test_person_create_audits(staff):
    person = services.person_create(actor=staff, name="  王芳 ", gender="female", birth_year=1975)
    assert person.name == "王芳"
    event = AuditEvent.objects.get(action="people.person.created")
    assert event.object_id == str(person.pk) and event.actor_id == staff.pk
    assert verify_chain().ok


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "", "gender": "male"}, "field_required"),
        ({"name": "   ", "gender": "male"}, "field_required"),
        ({"name": "王" * 41, "gender": "male"}, "field_too_long"),
        ({"name": "王芳", "gender": "robot"}, "invalid_field"),
        ({"name": "王芳", "gender": "female", "birth_year": 1800}, "invalid_field"),
        ({"name": "王芳", "gender": "female", "phone": "call me"}, "invalid_field"),
        ({"name": "王芳", "gender": "female", "salary": 1}, "unknown_field"),
    ],
)
def test_person_bad_input_is_refused_and_nothing_is_written(staff, fields, code):
    before = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as exc:
        services.person_create(actor=staff, **fields)
    assert exc.value.code == code
    assert exc.value.message_in("zh-hans")
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_only_staff_may_write(users):
    for role in ("deputy", "member", "unit_officer", "leader"):
        with pytest.raises(PermissionDenied):
            services.person_create(actor=users[role], name="王芳", gender="female")
    with pytest.raises(PermissionDenied):
        services.person_create(actor=None, name="王芳", gender="female")


def test_person_update_masks_contact_data_in_audit(staff):
    person = services.person_create(actor=staff, name="李四", gender="male")
    services.person_update(actor=staff, person=person, phone="13800000000", name="李斯")
    event = AuditEvent.objects.get(action="people.person.updated")
    assert event.changes["phone"] == ["***", "***"]
    assert "13800000000" not in str(event.changes)
    assert event.changes["name"] == ["李四", "李斯"]


def test_membership_rules(staff, delegation, term):
    person = services.person_create(actor=staff, name="张伟", gender="male")
    m = services.membership_create(
        actor=staff, person=person, organization=delegation, term=term, start_date=D(2022, 1, 10)
    )
    # Duplicate open membership.
    with pytest.raises(Conflict) as exc:
        services.membership_create(
            actor=staff, person=person, organization=delegation, term=term, start_date=D(2023, 1, 1)
        )
    assert exc.value.code == "membership_duplicate"
    # End before start.
    with pytest.raises(DomainError) as exc:
        services.membership_create(
            actor=staff,
            person=person,
            organization=delegation,
            start_date=D(2023, 1, 1),
            end_date=D(2022, 1, 1),
            role="head",
        )
    assert exc.value.code == "dates_reversed"
    assert Membership.objects.count() == 1
    # After it ends, a new non-overlapping membership is allowed.
    services.membership_end(actor=staff, membership=m, end_date=D(2023, 6, 30), reason="调整")
    services.membership_create(
        actor=staff, person=person, organization=delegation, term=term, start_date=D(2023, 7, 1)
    )
    with pytest.raises(Conflict):
        services.membership_create(
            actor=staff,
            person=person,
            organization=delegation,
            start_date=D(2023, 1, 1),
            end_date=D(2023, 3, 1),
        )


def test_post_must_belong_to_the_organization(staff, delegation, jurisdiction):
    sc = Organization.objects.get(code="standing-committee")
    post = services.post_create(
        actor=staff, organization=sc, label="主任", role="chair", elected_or_appointed=True
    )
    person = services.person_create(actor=staff, name="赵一", gender="male")
    with pytest.raises(DomainError) as exc:
        services.membership_create(
            actor=staff, person=person, organization=delegation, post=post, start_date=D(2022, 1, 1)
        )
    assert exc.value.code == "post_wrong_organization"
    m = services.membership_create(
        actor=staff, person=person, organization=sc, post=post, start_date=D(2022, 1, 1)
    )
    assert m.role == "chair"
    with pytest.raises(Conflict):
        services.post_create(actor=staff, organization=sc, label="主任", role="chair")


def test_deputy_create_with_delegation(staff, delegation, term):
    person = services.person_create(actor=staff, name="陈红", gender="female")
    deputy = services.deputy_create(
        actor=staff,
        person=person,
        term=term,
        delegation=delegation,
        constituency="第3选区",
        occupation_category="worker",
        is_reelected=True,
    )
    assert deputy.status == Deputy.Status.ACTIVE
    assert Membership.objects.filter(person=person, organization=delegation, term=term).exists()
    with pytest.raises(Conflict) as exc:
        services.deputy_create(actor=staff, person=person, term=term)
    assert exc.value.code == "deputy_exists"


def test_deputy_create_refuses_a_non_delegation_and_writes_nothing(staff, term, jurisdiction):
    person = services.person_create(actor=staff, name="陈红", gender="female")
    office = Organization.objects.get(code="office")
    with pytest.raises(DomainError) as exc:
        services.deputy_create(actor=staff, person=person, term=term, delegation=office)
    assert exc.value.code == "not_a_delegation"
    assert not Deputy.objects.exists()


def test_deputy_status_transitions(staff, term):
    person = services.person_create(actor=staff, name="刘洋", gender="male")
    deputy = services.deputy_create(actor=staff, person=person, term=term)
    with pytest.raises(DomainError) as exc:
        services.deputy_status_change(actor=staff, deputy=deputy, status="suspended", reason="")
    assert exc.value.code == "field_required"
    deputy = services.deputy_status_change(
        actor=staff, deputy=deputy, status="suspended", reason="被羁押", on=D(2024, 3, 1)
    )
    deputy = services.deputy_status_change(
        actor=staff, deputy=deputy, status="active", on=D(2024, 6, 1)
    )
    deputy = services.deputy_status_change(
        actor=staff, deputy=deputy, status="resigned", reason="工作调动"
    )
    with pytest.raises(DomainError) as exc:
        services.deputy_status_change(actor=staff, deputy=deputy, status="active")
    assert exc.value.code == "deputy_status_transition"


def test_organization_cycle_and_code_conflict(staff, jurisdiction):
    office = Organization.objects.get(code="office")
    petitions = Organization.objects.get(code="office-petitions")
    with pytest.raises(DomainError) as exc:
        services.organization_update(actor=staff, organization=office, parent=petitions)
    assert exc.value.code == "organization_cycle"
    with pytest.raises(Conflict) as exc:
        services.organization_create(actor=staff, name="重复", kind="other_unit", code="office")
    assert exc.value.code == "organization_code_taken"
    with pytest.raises(DomainError) as exc:
        services.organization_create(
            actor=staff,
            name="倒置",
            kind="other_unit",
            code="x-1",
            founding_date=D(2020, 1, 1),
            dissolution_date=D(2019, 1, 1),
        )
    assert exc.value.code == "dates_reversed"


def test_term_rules(staff, jurisdiction, term):
    congress = Organization.objects.get(code="congress")
    with pytest.raises(Conflict):
        services.term_create(actor=staff, congress=congress, number=17, start_date=D(2027, 1, 10))
    with pytest.raises(DomainError) as exc:
        services.term_create(
            actor=staff,
            congress=congress,
            number=18,
            start_date=D(2027, 1, 10),
            end_date=D(2027, 1, 1),
        )
    assert exc.value.code == "dates_reversed"
    with pytest.raises(DomainError) as exc:
        services.term_create(
            actor=staff,
            congress=Organization.objects.get(code="office"),
            number=18,
            start_date=D(2027, 1, 10),
        )
    assert exc.value.code == "term_needs_congress"
