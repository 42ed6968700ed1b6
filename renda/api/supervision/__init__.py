"""Supervision API: plans, reports, opinions, inquiries, evaluations, interpellations, inspections, judicial records.

Anonymous callers see what the public site shows (S11): published plans, reports heard
and published, sent and published opinions, held inquiries and sealed evaluation results.
Staff and leaders see everything; a unit officer the opinions sent to their own body.
Writes go through :mod:`renda.supervision.services`.
"""

from . import inquiries, inspections, judicial, opinions, plans, reports, research  # noqa: F401
from ._common import router

__all__ = ["router"]
