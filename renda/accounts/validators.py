"""Password validators whose messages read in the page's language.

Django 5.2 reworded the minimum-length error ("…at least %d character(s)."), and its
zh-Hans catalogue has no translation for the new wording, so a Chinese page showed it in
English. The project's own catalogue carries it instead.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, its error message in the project's catalogue."""

    def get_error_message(self) -> str:
        return gettext("密码太短，至少需要 %(n)d 个字符。") % {"n": self.min_length}
