"""API operations made from declared actions, so the API and the pages are two faces of one.

``expose(router, action, path)`` adds ``POST path`` whose body is the action's input
schema; ids ending in ``_id`` that the action names in ``refs`` become rows, the subject
is found by the path's id placeholder (404 when the caller may not see it), and the action is
performed as the caller. Every exposed action is listed in :data:`EXPOSED`, which the
action walker test reads.
"""

import inspect
import re
from collections.abc import Callable
from typing import Any

from django.db import models
from ninja import Router, Schema, Status

from renda.core import validation
from renda.core.actions import Action
from renda.core.errors import NotFound

from .auth import require, write_auth
from .common import InputSchema, PathId
from .errors import WRITE_ERRORS

#: action name → (HTTP method, path, operation id) of its API operation.
EXPOSED: dict[str, tuple[str, str, str]] = {}


class ActionOut(Schema):
    id: int
    status: str | None = None


class EmptyIn(InputSchema):
    """An action that takes no input."""


def kwargs_from(
    act: Action, payload: Schema | None, refs: dict[str, type[models.Model]] | None = None
) -> dict[str, Any]:
    """The action's keyword arguments from the fields the caller sent: ``x_id`` become rows.

    A field left out whose default is None is left out too, so for an update the stored
    value stays; other defaults are passed as the schema states them.
    """
    out: dict[str, Any] = {}
    if payload is None:
        return out
    refs = {**act.refs, **(refs or {})}
    sent = payload.model_fields_set
    values = {
        name: value
        for name, value in payload.model_dump().items()
        if name in sent or value is not None
    }
    for name, value in values.items():
        base = name[:-3] if name.endswith("_id") else None
        if base and base in refs:
            out[base] = validation.ref(refs[base], value, field=name)
        elif name.endswith("_ids") and _many(name[:-4], refs):
            key = _many(name[:-4], refs)
            rows = list(refs[key]._default_manager.filter(pk__in=value or []))
            if len(rows) != len(set(value or [])):
                raise NotFound("unknown_reference", field=name)
            out[key] = rows
        else:
            out[name] = value
    return out


def _many(base: str, refs: dict) -> str | None:
    """The action's keyword for ``<base>_ids``: ``base`` itself, or its plural
    (``deputy_ids`` → ``deputies``, ``item_ids`` → ``items``)."""
    plural = base[:-1] + "ies" if base.endswith("y") else base + "s"
    return next((k for k in (base, plural) if k in refs), None)


def _default_out(act: Action) -> Callable[[Any], dict[str, Any]]:
    def out(obj: Any) -> dict[str, Any]:
        return {"id": obj.pk, "status": getattr(obj, act.status_field, None)}

    return out


def expose(
    router: Router,
    act: Action,
    path: str,
    *,
    visible: Callable[[Any], models.QuerySet] | None = None,
    schema: Any = None,
    refs: dict[str, type[models.Model]] | None = None,
    response: Any = ActionOut,
    out: Callable[[Any], dict[str, Any]] | None = None,
    status: int = 200,
    summary: str | None = None,
    description: str = "",
) -> None:
    """Add ``POST path`` performing ``act``; ``visible(user)`` narrows the subjects found.

    The path's one ``{name}`` placeholder is the subject's id.
    """
    found = re.findall(r"{(\w+)}", path)
    if len(found) != (1 if act.subject else 0):
        raise ValueError(f"{path}: one id placeholder for a subject, none otherwise")
    id_param = found[0] if found else ""
    operation_id = act.name.replace(".", "_")
    # Each operation owns its input and output schemas (named after it in the OpenAPI document).
    stem = "".join(part.capitalize() for part in operation_id.split("_"))
    schema = type(f"{stem}In", (schema or act.schema or EmptyIn,), {"__module__": __name__})
    response = type(f"{stem}Out", (response,), {"__module__": __name__})
    render = out or _default_out(act)
    perm = act.permission

    def find(user: Any, pk: int) -> Any:
        qs = visible(user) if visible is not None else act.model._default_manager.all()
        obj = qs.filter(pk=pk).first()
        if obj is None:
            raise NotFound()
        return obj

    def operation(request, **params: Any):
        user = require(request, perm)
        payload = params.get("payload")
        kwargs = kwargs_from(act, payload, refs)
        if act.subject:
            kwargs[act.subject] = find(user, params[id_param])
        result = act(actor=user, **kwargs)
        if not isinstance(result, models.Model):
            result = kwargs.get(act.subject) if act.subject else result
        return Status(status, render(result))

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    if act.subject:
        parameters.append(
            inspect.Parameter(id_param, inspect.Parameter.KEYWORD_ONLY, annotation=PathId)
        )
    parameters.append(
        inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=schema)
    )
    operation.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    operation.__name__ = operation_id
    label = str(act.label) if act.label else act.name
    router.post(
        path,
        response={status: response, **WRITE_ERRORS},
        auth=write_auth(perm),
        operation_id=operation_id,
        summary=summary or f"{label} · {act.name}",
        description=description or (f"依据 · rule: {act.rule}" if act.rule else ""),
    )(operation)
    EXPOSED[act.name] = ("POST", path, operation_id)
