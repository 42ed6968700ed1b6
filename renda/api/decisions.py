"""Major matters, the annual list, decisions and resolutions (重大事项决定) API."""

from ninja import Router

router = Router(tags=["decisions"])
