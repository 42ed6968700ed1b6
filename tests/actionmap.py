"""Which declared actions a page view or an API operation performs, read from its code.

A view or operation performs the actions its body names: ``services.plan_adopt``,
a closure's ``act`` (``renda.api.actions.expose``), or a module-level tuple of actions
it dispatches on. Nothing is annotated by hand, so a new POST view that calls a plain
function instead of an action shows up in the walker as performing none.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from renda.core.actions import Action


def _actions_in_value(value: Any) -> set[Action]:
    if isinstance(value, Action):
        return {value}
    if isinstance(value, tuple | list | frozenset | set):
        return {v for v in value if isinstance(v, Action)}
    if isinstance(value, dict):
        found = {v for v in value.values() if isinstance(v, Action)}
        for v in value.values():
            if isinstance(v, tuple | list):
                found |= {x for x in v if isinstance(x, Action)}
        return found
    return set()


def _layers(fn: Callable) -> Iterable[Callable]:
    seen = set()
    while fn is not None and id(fn) not in seen:
        seen.add(id(fn))
        yield fn
        fn = getattr(fn, "__wrapped__", None)


def actions_in(fn: Callable) -> set[Action]:
    """The declared actions the innermost function of ``fn`` names."""
    found: set[Action] = set()
    inner = list(_layers(fn))[-1]
    try:
        closure = inspect.getclosurevars(inner)
        for value in closure.nonlocals.values():
            found |= _actions_in_value(value)
    except (TypeError, ValueError):
        pass
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(inner)))
    except (OSError, TypeError, SyntaxError):
        return found
    names = inner.__globals__
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            base = names.get(node.value.id)
            if inspect.ismodule(base):
                found |= _actions_in_value(getattr(base, node.attr, None))
        elif isinstance(node, ast.Name):
            found |= _actions_in_value(names.get(node.id))
    return found


def accepts_post(fn: Callable) -> bool:
    """Whether a page view takes POST: ``require_POST`` or a body that reads the POST data."""
    for layer in _layers(fn):
        try:
            methods = inspect.getclosurevars(layer).nonlocals.get("request_method_list")
        except (TypeError, ValueError):
            methods = None
        if methods is not None:
            return "POST" in methods
    inner = list(_layers(fn))[-1]
    try:
        source = inspect.getsource(inner)
    except (OSError, TypeError):
        return False
    return "request.POST" in source or 'method == "POST"' in source


def page_views() -> dict[str, Callable]:
    """{"namespace:name": view} for every named page outside admin and API."""
    found: dict[str, Callable] = {}

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or ""
                if ns in ("admin", "api") or str(p.pattern).startswith("api/"):
                    continue
                walk(p.url_patterns, f"{namespace}:{ns}" if namespace and ns else (ns or namespace))
            elif isinstance(p, URLPattern) and p.name:
                found[f"{namespace}:{p.name}" if namespace else p.name] = p.callback

    walk(get_resolver().url_patterns, "")
    return found


def api_operations() -> dict[str, tuple[str, str, Callable]]:
    """{operation id: (method, path, function)} for every API operation."""
    from renda.api.urls import api

    found = {}
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                found[op.operation_id] = (op.methods[0], path, op.view_func)
    return found


def reachable(actions: Iterable[Action]) -> set[Action]:
    """``actions`` and every action their works perform inside them (``ctx.perform``)."""
    found: set[Action] = set()
    todo = list(actions)
    while todo:
        act = todo.pop()
        if act in found:
            continue
        found.add(act)
        if act.work is not None:
            todo.extend(actions_in(act.work) - found)
    return found
