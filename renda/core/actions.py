"""The action kernel: every state change is declared once and performed one way.

A domain declares each of its actions with :func:`action`, decorating the function
that does the domain's own work::

    @action(
        "supervision.plan.adopt",
        model=Plan,
        subject="plan",
        sources={Plan.Status.DRAFT},
        target=Plan.Status.ADOPTED,
        permission="supervision.decide",
        rule="§3.1",
        label=_("主任会议通过计划"),
        audit="supervision.plan.adopted",
    )
    def plan_adopt(ctx, *, plan, council_meeting=None):
        plan.council_meeting = council_meeting
        plan.save(update_fields=["council_meeting"])
        ctx.changes["council_meeting"] = council_meeting.pk if council_meeting else None

Callers keep calling it as a service, ``plan_adopt(actor=user, plan=plan, ...)``, and
performing it always runs, in this order and nowhere else:

1. **permission**: ``actor.has_perm(permission, subject)`` (a ``rules`` predicate);
2. **lock** the subject's row (and the row holding the status, when that is another);
3. **state**: the status must be one of ``sources``; then the ``precondition``;
4. the domain's **work**, which receives an :class:`ActionContext`;
5. the **target** status is saved, when the action declares one;
6. the **audit** event, its code ``audit`` (default: the action's name), its changes
   collected by the work in ``ctx.changes``;
7. **after-commit** effects: ``ctx.after_commit(fn)`` and the hooks of
   :mod:`renda.core.effects` emitted with ``ctx.emit(hook, **payload)``.

"Which actions may this user take on this object now" comes from the same
declarations (:meth:`Action.allows`, :func:`available`), and so do the buttons of the
pages and the API operations (:mod:`renda.api.actions`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import projections
from .audit import audit_record
from .errors import Conflict, PermissionDenied

#: Every declared action by name.
REGISTRY: dict[str, Action] = {}

#: The moment of the action being performed (its ``now``): records it makes on the side,
#: such as notifications, carry that time (the real time, unless a caller replays history).
_ACTING_AT: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "renda_acting_at", default=None
)


def acting_at() -> dt.datetime:
    """The moment of the action in progress, or now outside any action."""
    return _ACTING_AT.get() or timezone.now()


class SystemActor:
    """The platform itself, acting on behalf of a committed change (an effect).

    Only actions declared with ``permission=SYSTEM`` accept it, and nothing a request
    can send becomes one: it is made by :mod:`renda.core.effects` alone.
    """

    is_authenticated = False
    is_active = True
    pk = None

    def __init__(self, user: Any = None, reason: str = "") -> None:
        #: The person whose committed change caused this effect (audited as the actor).
        self.user = user
        self.reason = reason

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def __repr__(self) -> str:
        return f"SystemActor({self.reason!r})"


#: The permission of actions that only the platform performs (effects of other actions).
SYSTEM = "system"
#: The permission of actions anyone may take, signed in or not (a citizen's suggestion on a
#: filed document, an opinion to a deputy): the public channels the seed asks for. Their
#: own rules (rate limits, required contact data) are the work's preconditions.
PUBLIC = "public"


@dataclass
class ActionContext:
    """What the domain's work receives: who acts, when, and where to put the changes."""

    action: Action
    actor: Any
    now: dt.datetime
    #: Audited with the event: what the work changed.
    changes: dict[str, Any] = field(default_factory=dict)
    #: The object the event is about, when not the subject (a created row, for one).
    audit_object: models.Model | None = None
    #: Set to False by a work that found nothing to do (an idempotent repeat): no event.
    audited: bool = True
    _after: list[Callable[[], None]] = field(default_factory=list)

    @property
    def user(self) -> Any:
        """The person to name in audit events and records (None for the platform alone)."""
        if isinstance(self.actor, SystemActor):
            return self.actor.user
        return self.actor

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.now) if timezone.is_aware(self.now) else self.now.date()

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the action's transaction has committed (notifications, screens)."""
        self._after.append(fn)

    def emit(self, hook: str, **payload: Any) -> None:
        """Queue the effects registered for ``hook``: stored now, run after commit."""
        from .effects import emit

        emit(hook, **payload)

    def perform(self, other: Action, **kwargs: Any) -> Any:
        """Perform ``other`` inside this action, authorised by it.

        The inner action keeps its lock, state table, precondition and audit event; its
        permission is this action's, which the actor has already passed.
        """
        return other.perform(actor=self.actor, now=self.now, _inner=True, **kwargs)


def _status_conflict(holder: models.Model, status_field: str) -> Conflict:
    display = getattr(holder, f"get_{status_field}_display", None)
    return Conflict(
        "status_not_allowed",
        _("当前状态为“{status}”，不能执行此操作。"),
        status=display() if display else getattr(holder, status_field),
    )


@dataclass(eq=False)
class Action:
    """One declared state change of a domain."""

    #: Dotted name, ``<app>.<thing>.<verb>``; the API path and the default audit code.
    name: str
    #: The model whose rows the action changes (or creates).
    model: type[models.Model]
    #: The domain's work, ``work(ctx, **kwargs)``, attached with :meth:`does`.
    work: Callable[..., Any] | None = None
    #: The keyword argument holding the subject row; None for an action that creates one.
    subject: str | None = None
    #: Statuses the action starts from (None: any, or no status).
    sources: frozenset[str] | None = None
    #: Status it leads to (None: unchanged, or set by the work within ``outcomes``).
    target: str | None = None
    #: Statuses the work may leave when the action has no single target.
    outcomes: frozenset[str] | None = None
    #: A permission name (checked with ``rules``), :data:`SYSTEM` or :data:`PUBLIC`.
    permission: str = SYSTEM
    #: Extra precondition on the locked subject: raises a ``DomainError`` to refuse.
    precondition: Callable[[ActionContext, Any], None] | None = None
    #: Whether the precondition is cheap and pure enough to hide a button when it fails.
    precondition_hides: bool = False
    #: Where the status lives, when not on the subject itself (``lambda item: item.plan``).
    holder: Callable[[Any], models.Model] | None = None
    status_field: str = "status"
    #: The rule the action carries: an S-code or § of ``rules.md``.
    rule: str = ""
    #: What a person calls it (a button, the API summary).
    label: Any = ""
    #: The audit event's code; the action's name unless the domain kept an older one.
    audit: str = ""
    #: Input schema of the API operation (a ninja Schema), and how its ids become rows.
    schema: Any = None
    refs: dict[str, type[models.Model]] = field(default_factory=dict)
    #: Whether to lock the subject row before the state check.
    lock: bool = True
    #: Templates read an action's label and rule; they must never perform it.
    do_not_call_in_templates = True

    def __post_init__(self) -> None:
        if self.sources is not None:
            self.sources = frozenset(self.sources)
        if self.outcomes is not None:
            self.outcomes = frozenset(self.outcomes)
        if not self.audit:
            self.audit = self.name
        if self.work is not None:
            self.does(self.work)

    def does(self, work: Callable[..., Any]) -> Action:
        """Attach the domain's work to the declaration (a decorator in ``services``)."""
        self.work = work
        functools.update_wrapper(self, work)  # type: ignore[arg-type]
        return self

    # -- reading the declaration --------------------------------------------------------

    @property
    def verb(self) -> str:
        """The last part of the name: what templates and forms call the action."""
        return self.name.rsplit(".", 1)[-1]

    def status_of(self, subject: Any) -> str | None:
        if subject is None:
            return None
        holder = self.holder(subject) if self.holder else subject
        return getattr(holder, self.status_field, None)

    def permits(self, actor: Any, subject: Any = None) -> bool:
        """Whether ``actor`` holds the permission (the state is not looked at)."""
        if self.permission == SYSTEM:
            return isinstance(actor, SystemActor)
        if isinstance(actor, SystemActor):
            return False
        if self.permission == PUBLIC:
            return True
        if actor is None or not getattr(actor, "is_authenticated", False):
            return False
        return bool(actor.has_perm(self.permission, subject))

    def allows(self, actor: Any, subject: Any = None) -> bool:
        """Whether ``actor`` may take this action on ``subject`` now: drives the buttons."""
        if not self.permits(actor, subject):
            return False
        if self.sources is not None and self.status_of(subject) not in self.sources:
            return False
        if self.precondition_hides and self.precondition is not None:
            from .errors import DomainError

            try:
                self.precondition(
                    ActionContext(action=self, actor=actor, now=timezone.now()), subject
                )
            except DomainError:
                return False
        return True

    # -- performing it -----------------------------------------------------------------

    def __call__(self, *, actor: Any = None, now: dt.datetime | None = None, **kwargs: Any) -> Any:
        return self.perform(actor=actor, now=now, **kwargs)

    def __get__(self, instance: Any, owner: Any = None) -> Action:
        return self

    def perform(
        self, *, actor: Any, now: dt.datetime | None = None, _inner: bool = False, **kwargs: Any
    ) -> Any:
        if self.work is None:
            raise RuntimeError(f"{self.name} is declared but has no work attached")
        subject = kwargs.get(self.subject) if self.subject else None
        if self.subject and subject is None:
            raise TypeError(f"{self.name} needs {self.subject}=")
        if not _inner and not self.permits(actor, subject):
            raise PermissionDenied()
        ctx = ActionContext(action=self, actor=actor, now=now or timezone.now())
        moment = _ACTING_AT.set(ctx.now)
        try:
            return self._run(ctx, subject, kwargs, _inner)
        finally:
            _ACTING_AT.reset(moment)

    def _run(self, ctx: ActionContext, subject: Any, kwargs: dict, _inner: bool) -> Any:
        with transaction.atomic(), projections.batch():
            holder = None
            if subject is not None and isinstance(subject, models.Model):
                if self.lock:
                    subject = _locked(subject)
                    kwargs[self.subject] = subject  # type: ignore[index]
                holder = self.holder(subject) if self.holder else subject
                if self.holder and self.lock:
                    holder = _locked(holder)
                    _attach(subject, holder)
            before = getattr(holder, self.status_field, None) if holder is not None else None
            if self.sources is not None and before not in self.sources:
                raise _status_conflict(holder, self.status_field)
            if self.precondition is not None:
                self.precondition(ctx, subject)
            result = self.work(ctx, **kwargs)
            if holder is not None and self.target is not None:
                current = (
                    type(holder)
                    ._default_manager.filter(pk=holder.pk)
                    .values_list(self.status_field, flat=True)[0]
                )
                if current != self.target:
                    setattr(holder, self.status_field, self.target)
                    type(holder)._default_manager.filter(pk=holder.pk).update(
                        **{self.status_field: self.target}
                    )
                else:
                    setattr(holder, self.status_field, self.target)
            after = getattr(holder, self.status_field, None) if holder is not None else None
            if self.outcomes is not None and holder is not None and after not in self.outcomes:
                raise RuntimeError(f"{self.name} left {after!r}, outside its outcomes")
            if ctx.audited:
                changes = dict(ctx.changes)
                if holder is not None and before != after and self.status_field not in changes:
                    changes[self.status_field] = [before, after]
                if _inner:
                    changes.setdefault("within", True)
                target_obj = ctx.audit_object
                if target_obj is None:
                    target_obj = result if isinstance(result, models.Model) else subject
                audit_record(actor=ctx.user, action=self.audit, obj=target_obj, changes=changes)
            for fn in ctx._after:
                transaction.on_commit(fn)
        return result


def _locked(obj: models.Model) -> models.Model:
    """The row again, locked for the rest of the transaction (PostgreSQL ``FOR UPDATE``)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _attach(subject: models.Model, holder: models.Model) -> None:
    """Make the subject's relation to its holder the locked row, so both agree."""
    for f in subject._meta.concrete_fields:
        if (
            f.is_relation
            and f.related_model is type(holder)
            and f.value_from_object(subject) == holder.pk
        ):
            setattr(subject, f.name, holder)
            return


def declare(name: str, **options: Any) -> Action:
    """Declare the action ``name`` (in ``workflow.py``); ``services`` attach its work with ``.does``."""
    if name in REGISTRY:
        raise RuntimeError(f"action {name} declared twice")
    declared = Action(name=name, **options)
    REGISTRY[name] = declared
    return declared


def action(name: str, **options: Any) -> Callable[[Callable[..., Any]], Action]:
    """Declare the decorated work as the action ``name`` (declaration and work in one place)."""

    def attach(work: Callable[..., Any]) -> Action:
        return declare(name, **options).does(work)

    return attach


def available(actor: Any, subject: Any, actions: Iterable[Action]) -> frozenset[str]:
    """The verbs of ``actions`` that ``actor`` may take on ``subject`` now (for templates)."""
    return frozenset(a.verb for a in actions if a.allows(actor, subject))


def declared(prefix: str = "") -> list[Action]:
    """Every declared action whose name starts with ``prefix``, in name order."""
    return [REGISTRY[n] for n in sorted(REGISTRY) if n.startswith(prefix)]
