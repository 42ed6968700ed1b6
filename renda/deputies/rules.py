"""Permissions of the deputies' domain, built on the predicates of :mod:`renda.accounts.rules`."""

from __future__ import annotations

import rules

from renda.accounts.rules import is_deputy, is_office_staff, is_sc_member, is_staff_side
from renda.people.models import Membership, Organization, Post

#: Who leads a delegation (团长, 副团长): they follow their deputies' records.
DELEGATION_LEADS = (Post.Role.HEAD, Post.Role.DEPUTY_HEAD, Post.Role.CHAIR, Post.Role.VICE_CHAIR)


def delegations_led_by(user) -> list[int]:
    """The delegations whose head (or deputy head) the user's person is now."""
    if not getattr(user, "person_id", None):
        return []
    return list(
        Membership.objects.filter(
            person_id=user.person_id,
            organization__kind=Organization.Kind.DELEGATION,
            role__in=DELEGATION_LEADS,
            end_date__isnull=True,
        ).values_list("organization_id", flat=True)
    )


@rules.predicate
def is_own_record(user, deputy) -> bool:
    return bool(deputy is not None and user.person_id and deputy.person_id == user.person_id)


@rules.predicate
def leads_deputys_delegation(user, deputy) -> bool:
    if deputy is None:
        return False
    led = delegations_led_by(user)
    return (
        bool(led)
        and Membership.objects.filter(person_id=deputy.person_id, organization_id__in=led).exists()
    )


@rules.predicate
def is_own_enrolment(user, enrolment) -> bool:
    """Asked without an enrolment (may this user withdraw at all?), a deputy may: each
    enrolment is then checked with the row."""
    if enrolment is None:
        return True
    return bool(user.person_id and enrolment.deputy.person_id == user.person_id)


@rules.predicate
def is_addressee(user, message) -> bool:
    """Asked without a message (may this user handle messages at all?), a deputy may: each
    message is then checked with the row: one written to the deputy themselves."""
    if message is None:
        return True
    return bool(user.person_id and message.deputy_id and message.deputy.person_id == user.person_id)


@rules.predicate
def leads_a_delegation(user) -> bool:
    return bool(delegations_led_by(user))


#: The office and the leaders read the qualification matters and suspensions.
rules.add_perm("deputies.view", is_staff_side)
#: The office (代表工委 / 人事代表工作室) records and moves them.
rules.add_perm("deputies.manage", is_office_staff)
#: A duty record: the office and leaders, the deputy, the head of the deputy's delegation.
rules.add_perm(
    "deputies.view_record", is_staff_side | (is_deputy & (is_own_record | leads_deputys_delegation))
)
#: Who records activities at all (the action's permission), and for whom: a deputy their
#: own, the office anyone's.
rules.add_perm("deputies.record_activity", is_office_staff | is_deputy)
rules.add_perm("deputies.record_activity_for", is_office_staff | (is_deputy & is_own_record))
#: The office reviews them before they count.
rules.add_perm("deputies.review_activity", is_office_staff)
#: A deputy's own record ("我的履职档案").
rules.add_perm("deputies.own_record", is_deputy)
#: The list of records: the office and the leaders (every delegation), a delegation's head (theirs).
rules.add_perm("deputies.view_records", is_staff_side | (is_deputy & leads_a_delegation))
#: Reading duty records at all (each record then checks ``deputies.view_record``).
rules.add_perm("deputies.read_records", is_staff_side | is_deputy)
#: Training (S24): a deputy enrols and signs in for themselves; the office plans the courses
#: (``deputies.manage``) and takes anyone off a list, a deputy only themselves.
rules.add_perm("deputies.train", is_deputy)
rules.add_perm("deputies.withdraw_training", is_office_staff | (is_deputy & is_own_enrolment))
#: The courses themselves (dates, place, places left): the staff side and every deputy.
rules.add_perm("deputies.read_training", is_staff_side | is_deputy)
#: 双联系 (S23): a standing-committee member records their contacts with deputies, a deputy
#: theirs with voters, the office anyone's (each contact then checks whose it is).
rules.add_perm("deputies.record_contact", is_office_staff | is_sc_member | is_deputy)
#: The stations and their schedules are public; the office's pages and the contact figures are
#: for the staff side and the members.
rules.add_perm("deputies.view_contacts", is_staff_side | is_sc_member)
#: One's own contacts page: a deputy's with voters, a member's with deputies.
rules.add_perm("deputies.own_contacts", is_sc_member | is_deputy)
#: Voters' messages (S25, S26): a deputy handles those written to them, the office any
#: (a station's included), and moderates what is published (``deputies.manage``).
rules.add_perm("deputies.handle_message", is_office_staff | (is_deputy & is_addressee))
rules.add_perm("deputies.own_messages", is_deputy)
