"""What the deputies' services share."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation


def record_text(text: Any, **values: Any) -> str:
    """Text the platform writes into a record (facts, notes, reasons), in the record's language.

    Records are kept in the site's language (Chinese) whichever language the person acting
    reads the pages in; the pages translate labels, never the stored record.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return str(text).format(**values) if values else str(text)
