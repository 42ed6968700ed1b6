"""Enumerate every named URL route of the site (the admin and API are walked separately)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def named_routes() -> dict[str, str]:
    """Return {"namespace:name": pattern} for every named route outside admin and API."""
    found: dict[str, str] = {}

    def walk(patterns, namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or ""
                if ns in ("admin", "api") or str(p.pattern).startswith("api/"):
                    continue
                full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(p.url_patterns, full_ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                key = f"{namespace}:{p.name}" if namespace else p.name
                found[key] = prefix + str(p.pattern)

    walk(get_resolver().url_patterns, "", "")
    return found
