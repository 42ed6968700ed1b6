"""Authentication backend that refuses locked accounts and counts failures."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .services import login_failure_record, login_success_record, user_is_locked


class LockoutModelBackend(ModelBackend):
    """Password login with lockout. Permissions come from ``rules`` predicates alone, so
    this backend grants none (and so never queries Django's permission tables)."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            user_model().set_password(password)  # same cost as a real check
            return None
        if user_is_locked(user=user):
            if request is not None:
                request.renda_login_locked = True
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            login_success_record(user=user)
            return user
        login_failure_record(user=user)
        user.refresh_from_db(fields=["locked_until"])
        if request is not None and user_is_locked(user=user):
            request.renda_login_locked = True
        return None
