"""What the deputies API modules share: the router and the read permission."""

from __future__ import annotations

from ninja import Router

from ..auth import write_auth

router = Router(tags=["deputies"])

VIEW = "deputies.view"
MANAGE = "deputies.manage"
#: Qualification matters and suspensions are not public: the office and the leaders read them.
PRIVATE_READ = write_auth(VIEW)
