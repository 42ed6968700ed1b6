"""Renda (人大): an open platform for a people's congress and its standing committee."""

__version__ = "0.1.0"
