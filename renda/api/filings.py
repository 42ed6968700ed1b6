"""Filing review of normative documents (备案审查) API."""

from ninja import Router

router = Router(tags=["filings"])
