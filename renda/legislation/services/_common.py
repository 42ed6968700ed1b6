"""What the legislation actions share."""

from __future__ import annotations

MANAGE = "legislation.manage"
