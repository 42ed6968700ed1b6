"""Authentication backend: one answer and one password hash for every refusal.

Whether the name is unknown, the password wrong, the account inactive or held after
repeated failures, the caller gets the same refusal and the password hasher runs exactly
once, so neither the message nor the time tells whether an account exists. Failures are
counted per client address (``renda.accounts.throttle``) and per account; an address over
its limit is refused before any lookup (the login page answers 429). A held account signs
in from a trusted office network, or with the login page's challenge answered
(``renda.accounts.challenge``), so nobody can keep its owner out.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password

from . import throttle
from .services import login_failure_record, login_success_record, user_is_locked


class LockoutModelBackend(ModelBackend):
    """Password login with per-address and per-account throttling. Permissions come from
    ``rules`` predicates alone, so this backend grants none (and so never queries Django's
    permission tables)."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        address = throttle.address_of(request)
        trusted = throttle.address_is_trusted(address)
        if not trusted and throttle.address_is_throttled(address):
            # Decided by the address alone, before any lookup: says nothing about accounts.
            if request is not None:
                request.renda_login_throttled = throttle.address_seconds_left()
            return None
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            user_model().set_password(password)  # the one hash, as for a real account
            throttle.address_failure_record(address)
            return None
        passed = bool(getattr(request, "renda_challenge_passed", False))
        if user_is_locked(user=user) and not trusted and not passed:
            # Held after repeated failures, and the login page's challenge not answered: hash
            # once as if checking, refuse, count nothing for the account (the hold must not
            # grow), but count the address.
            check_password(password, user.password)
            throttle.address_failure_record(address)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            login_success_record(user=user)
            return user
        login_failure_record(user=user)
        throttle.address_failure_record(address)
        return None
