"""What the filing-review API modules share: the router, the permissions, what a caller may read."""

from __future__ import annotations

from ninja import Router, Schema

from renda.filings import workflow

from ..auth import BearerAuth, SessionAuth

router = Router(tags=["filings"])

FILE = "filings.file"
MANAGE = "filings.manage"
APPROVE = "filings.approve"
SUGGEST = "filings.suggest"
REPORT = "filings.report_amendment"
PRIVATE_AUTH = [BearerAuth(), SessionAuth()]
#: A base64 file of at most the page's upload limit (4 characters per 3 bytes).
MAX_BASE64 = (workflow.MAX_UPLOAD_BYTES + 2) // 3 * 4


class SimilarDocumentOut(Schema):
    id: int
    title: str
    document_number: str
    enacting_body: str
    published_on: str
    status: str
    score: float
    earlier_version: bool
