"""In-app notifications of cases, also sent by e-mail; idempotent by (case, kind, key date, user).

Services call :func:`notify_on_commit` so nobody is told about a change that was
rolled back; the sweep calls :func:`notify` directly for reminders.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from renda.accounts.models import Role

from .models import Case, Notification

log = logging.getLogger(__name__)


def unit_users(unit_ids: Iterable[int]):
    return get_user_model().objects.filter(
        role=Role.UNIT_OFFICER, scope_id__in=list(unit_ids), is_active=True
    )


def requester_users(case: Case):
    person_ids = list(case.requester_rows.values_list("person_id", flat=True))
    return get_user_model().objects.filter(person_id__in=person_ids, is_active=True)


def staff_users(case: Case):
    """Who handles the case for the office: the user who assigned it, else every office staff user."""
    users = get_user_model().objects.filter(is_active=True)
    if case.assigned_by_id:
        return users.filter(pk=case.assigned_by_id)
    return users.filter(role__in=(Role.STAFF, Role.ADMIN))


def supervisor_users(case: Case):
    """The responsible leader and the supervising committee's users of a key case (rules §1.4)."""
    if not case.is_key:
        return get_user_model().objects.none()
    cond = Q(pk=case.key_leader_id) if case.key_leader_id else Q(pk__in=[])
    if case.key_committee_id:
        cond |= Q(scope_id=case.key_committee_id)
    return get_user_model().objects.filter(cond, is_active=True)


def notify(
    *,
    case: Case,
    kind: str,
    users,
    text: str,
    key_date: dt.date,
    email: bool = True,
    at: dt.datetime | None = None,
) -> int:
    """Create one notification per user unless it exists; e-mail the new ones. Returns how many are new."""
    user_list = list({u.pk: u for u in users}.values())
    if not user_list:
        return 0
    existing = set(
        Notification.objects.filter(
            case=case, kind=kind, key_date=key_date, user_id__in=[u.pk for u in user_list]
        ).values_list("user_id", flat=True)
    )
    new = [u for u in user_list if u.pk not in existing]
    Notification.objects.bulk_create(
        [
            Notification(
                user=u,
                case=case,
                kind=kind,
                key_date=key_date,
                text=text[:300],
                created_at=at or timezone.now(),
            )
            for u in new
        ],
        ignore_conflicts=True,
    )
    if email and new:
        _email(case, text, [u.email for u in new if u.email])
    return len(new)


def _email(case: Case, text: str, recipients: list[str]) -> None:
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("casework:detail", args=[case.pk])
    subject = f"[{case.kind.name}] {case.title}"[:150]
    body = f"{text}\n\n{url}"
    try:
        send_mass_mail([(subject, body, None, [r]) for r in recipients], fail_silently=False)
    except Exception:  # noqa: BLE001 - mail trouble must never undo or block the work
        log.exception("casework: e-mail for case %s failed", case.pk)


def notify_page(
    *,
    users,
    kind: str,
    text: str,
    title: str,
    link: str,
    key_date: dt.date,
    at: dt.datetime | None = None,
) -> int:
    """Notify about another domain's page (no case): in the list and by e-mail, once per
    user, kind, day and page. Returns how many are new."""
    user_list = list({u.pk: u for u in users}.values())
    existing = set(
        Notification.objects.filter(
            case=None,
            kind=kind,
            key_date=key_date,
            link=link,
            user_id__in=[u.pk for u in user_list],
        ).values_list("user_id", flat=True)
    )
    new = [u for u in user_list if u.pk not in existing]
    Notification.objects.bulk_create(
        [
            Notification(
                user=u, kind=kind, key_date=key_date, text=text[:300], title=title[:200], link=link,
                created_at=at or timezone.now(),
            )
            for u in new
        ]
    )  # fmt: skip
    recipients = [u.email for u in new if u.email]
    if recipients:
        try:
            send_mass_mail([(title[:150], f"{text}\n\n{link}", None, [r]) for r in recipients])
        except Exception:  # noqa: BLE001 - mail trouble must never undo or block the work
            log.exception("notification e-mail for %s failed", link)
    return len(new)


def notify_on_commit(
    *, case: Case, kind: str, users, text: str, key_date: dt.date | None = None
) -> None:
    """Schedule :func:`notify` for after the current transaction commits, dated at the
    moment of the action that sends it (:func:`renda.core.actions.acting_at`)."""
    from renda.core.actions import acting_at

    at = acting_at()
    day = key_date or timezone.localdate(at)

    def send() -> None:
        notify(case=case, kind=kind, users=users, text=text, key_date=day, at=at)

    transaction.on_commit(send)
