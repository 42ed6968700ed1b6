"""Permission predicates (django-rules). Every view and API operation names one."""

from __future__ import annotations

import rules

from .models import Role


@rules.predicate
def is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_office_staff(user) -> bool:
    """Staff of the SC's offices (and administrators): they run the daily work."""
    return bool(user.is_authenticated and user.role in (Role.STAFF, Role.ADMIN)) or is_admin(user)


@rules.predicate
def is_leader(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.LEADER)


@rules.predicate
def is_sc_member(user) -> bool:
    return bool(user.is_authenticated and user.role in (Role.MEMBER, Role.LEADER))


@rules.predicate
def is_deputy(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.DEPUTY)


@rules.predicate
def is_unit_officer(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.UNIT_OFFICER and user.scope_id)


is_staff_side = is_office_staff | is_leader
is_signed_in = rules.is_authenticated

# Back office and people.
rules.add_perm("core.access_office", is_signed_in)
rules.add_perm("people.view_directory", is_staff_side | is_sc_member)
rules.add_perm("people.view_contact", is_staff_side)
rules.add_perm("people.manage", is_office_staff)
rules.add_perm("people.view_composition", is_staff_side | is_sc_member)
# Core.
rules.add_perm("core.view_audit", is_office_staff | is_leader)
rules.add_perm("core.manage_calendar", is_office_staff)
rules.add_perm("core.manage_rules", is_admin)
#: The office records external approvals: what was sent to the party committee and its answer (S2).
rules.add_perm("core.record_approval", is_office_staff)
rules.add_perm("core.view_approvals", is_staff_side)
rules.add_perm("accounts.manage_tokens", is_signed_in)
#: Create accounts, give roles and bodies, deactivate, reset passwords (the administrator).
rules.add_perm("accounts.manage_users", is_admin)
#: Write and publish the public site's news and notices (新闻公告, S4).
rules.add_perm("portal.publish_news", is_office_staff)
