"""Route and API walker expectations for decisions (see tests/walkers/__init__.py).

The walker's unit officer belongs to a government department, not to the government
itself, so it has no part in the annual list; the government's officer is created here
to drive the services. The working list waits for comments, an older one is published.
"""

from __future__ import annotations

from tests.walkers import ANON, EVERYONE, OFFICE_STAFF, SIGNED_IN, STAFF_SIDE  # noqa: F401

VIEWERS = frozenset({"admin", "staff", "leader", "member"})
ADMIN = frozenset({"admin"})
LEADERS = frozenset({"admin", "leader"})

ROUTES: dict = {
    "decisions:overview": ("GET", STAFF_SIDE, None),
    "decisions:lists": ("GET", VIEWERS, None),
    # Only the government's officer (and the administrator) proposes lists.
    "decisions:list_create": ("GET", ADMIN, None),
    "decisions:list_detail": ("GET", VIEWERS, "decisions_list"),
    "decisions:item_add": ("POST", ADMIN, "decisions_list"),
    "decisions:item_edit": ("GET", ADMIN, "decisions_item"),
    "decisions:item_remove": ("POST", ADMIN, "decisions_item"),
    "decisions:list_submit": ("POST", ADMIN, "decisions_list"),
    "decisions:list_comment": ("POST", OFFICE_STAFF, "decisions_list"),
    "decisions:comment_respond": ("POST", ADMIN, "decisions_list"),
    "decisions:list_close_comments": ("POST", OFFICE_STAFF, "decisions_list"),
    "decisions:list_return": ("POST", OFFICE_STAFF, "decisions_list"),
    "decisions:list_consent": ("POST", OFFICE_STAFF, "decisions_list"),
    "decisions:list_adopt": ("POST", LEADERS, "decisions_list"),
    "decisions:list_publish": ("POST", OFFICE_STAFF, "decisions_list"),
    "decisions:list_change": ("POST", ADMIN, "decisions_published_list"),
    "decisions:list_xlsx": ("GET", VIEWERS, "decisions_list"),
    "decisions:list_docx": ("GET", VIEWERS, "decisions_published_list"),
    "decisions:matters": ("GET", VIEWERS, None),
    "decisions:matters_xlsx": ("GET", VIEWERS, None),
    "decisions:matter_detail": ("GET", VIEWERS, "decisions_matter"),
    "decisions:material_add": ("POST", OFFICE_STAFF, "decisions_matter"),
    "decisions:matter_schedule": ("POST", OFFICE_STAFF, "decisions_matter"),
    "decisions:decision_propose": ("POST", OFFICE_STAFF, "decisions_matter"),
    "decisions:matter_conclude": ("POST", OFFICE_STAFF, "decisions_matter"),
    "decisions:opinions_send": ("POST", OFFICE_STAFF, "decisions_matter"),
    "decisions:decision_record": ("POST", OFFICE_STAFF, "decisions_decision"),
    "decisions:decision_publish": ("POST", OFFICE_STAFF, "decisions_decision"),
    "decisions:revocation_create": ("GET", OFFICE_STAFF, None),
    # Public website.
    "portal:decisions": ("GET", EVERYONE, None),
    "portal:decision_list": ("GET", EVERYONE, "decisions_published_list"),
    "portal:decision_list_docx": ("GET", EVERYONE, "decisions_published_list"),
    # The walker's decision waits for its vote: it is not public for anyone.
    "portal:decision_detail": ("GET", frozenset(), "decisions_decision"),
}
OPERATIONS: dict = {
    # Matters are not public: the SC side and the government's officer (its own) read them.
    "decisions_matters_list": VIEWERS,
    "decisions_matters_detail": VIEWERS,
    "decisions_matters_create": OFFICE_STAFF,
    # Published lists and decisions are public; the rest narrows by role (404, never 401/403).
    "decisions_lists_list": EVERYONE,
    "decisions_lists_detail": EVERYONE,
    "decisions_decisions_list": EVERYONE,
    "decisions_decisions_detail": EVERYONE,
    "decisions_lists_create": ADMIN,
    "decisions_lists_items_create": ADMIN,
    # The administrator passes the role check; the published list refuses a new submission (409).
    "decisions_lists_submit": ADMIN,
    "decisions_lists_comment": OFFICE_STAFF,
    "decisions_lists_adopt": LEADERS,
    # The office; the walker's published list and scheduled matter refuse the move (409), never 5xx.
    "decisions_lists_consent": OFFICE_STAFF,
    "decisions_lists_publish": OFFICE_STAFF,
    "decisions_matters_schedule": OFFICE_STAFF,
    # The government's steps: the administrator passes the role check; the walker's working
    # list is out for comments, so editing, removing and answering refuse the move (409).
    "decisions_list_item_edit": ADMIN,
    "decisions_list_item_remove": ADMIN,
    "decisions_annual_list_change": ADMIN,
    "decisions_list_comment_respond": ADMIN,
    # The office's steps of the route, the matter and its decision (the published list, the
    # scheduled matter and the pending decision refuse the move with 409, never 5xx).
    "decisions_annual_list_close_comments": OFFICE_STAFF,
    "decisions_annual_list_return": OFFICE_STAFF,
    "decisions_matters_materials_create": OFFICE_STAFF,
    "decisions_matter_conclude": OFFICE_STAFF,
    "decisions_matter_opinions": OFFICE_STAFF,
    "decisions_decision_propose": OFFICE_STAFF,
    "decisions_decision_record": OFFICE_STAFF,
    "decisions_decision_publish": OFFICE_STAFF,
}
#: matters_create, lists_create, lists_items_create, lists_comment, lists_adopt, lists_consent,
#: matters_schedule; and each new operation (those without input take an empty object).
REQUEST_BODIES = 19
PRIVATE_READS: tuple[str, ...] = ("/api/v1/decisions/matters",)


def _fixture(users, term) -> dict:
    import datetime as dt

    from django.utils import timezone

    from renda.accounts.models import Role, User
    from renda.decisions import services as S
    from renda.decisions.categories import ensure_categories
    from renda.decisions.models import Category, Matter
    from renda.meetings.services import meeting_schedule
    from renda.people.models import Organization

    staff = users["staff"]
    gov = User.objects.create_user(
        "walker-gov", role=Role.UNIT_OFFICER, scope=Organization.objects.get(code="government")
    )
    ensure_categories()
    category = Category.objects.order_by("order").first()
    published = S.annual_list_create(actor=gov, year=2025)
    S.list_item_add(
        actor=gov,
        annual_list=published,
        category=category,
        title="关于2025年预算调整的议案",
        planned_quarter=2,
    )
    S.annual_list_submit(actor=gov, annual_list=published)
    S.annual_list_close_comments(actor=staff, annual_list=published)
    S.annual_list_submit(actor=gov, annual_list=published)
    S.annual_list_record_consent(
        actor=staff, annual_list=published, consented_on=timezone.localdate()
    )
    S.annual_list_adopt(actor=users["leader"], annual_list=published)
    S.annual_list_publish(actor=staff, annual_list=published)
    working = S.annual_list_create(actor=gov, year=2026)
    item = S.list_item_add(
        actor=gov,
        annual_list=working,
        category=category,
        title="关于城市总体规划修改的报告",
        kind="report",
        planned_quarter=3,
    )
    S.annual_list_submit(actor=gov, annual_list=working)
    comment = S.list_comment_add(actor=staff, annual_list=working, text="建议明确提请季度。")
    matter = Matter.objects.get(annual_list=published)
    meeting = meeting_schedule(
        actor=staff, kind="sc_meeting", term=term, starts_on=dt.date(2026, 12, 20)
    )
    S.matter_schedule(actor=staff, matter=matter, meeting=meeting)
    decision = S.decision_propose(
        actor=staff,
        matter=matter,
        kind="decision",
        title="关于批准预算调整方案的决定",
        text="批准。",
    )
    return {
        "published": published,
        "working": working,
        "item": item,
        "matter": matter,
        "decision": decision,
        "comment": comment,
        "gov": gov,
    }


def objects(users, term) -> dict:
    f = _fixture(users, term)
    return {
        "decisions_list": {"pk": f["working"].pk},
        "decisions_item": {"pk": f["working"].pk, "item_id": f["item"].pk},
        "decisions_published_list": {"pk": f["published"].pk},
        "decisions_matter": {"pk": f["matter"].pk},
        "decisions_decision": {"pk": f["decision"].pk},
    }


def ids(users, term) -> dict:
    f = _fixture(users, term)
    return {
        "major_matter_id": f["matter"].pk,
        "annual_list_id": f["published"].pk,
        "major_decision_id": f["decision"].pk,
        "annual_list_item_id": f["item"].pk,
        "annual_list_comment_id": f["comment"].pk,
    }
