from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core.admin import AuditedAdmin, AuditedAdminMixin
from renda.core.audit import audit_record

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "display_name", "role", "scope", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name", "person__name")
    autocomplete_fields = ("person", "scope")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("人大角色"),
            {
                "fields": (
                    "role",
                    "scope",
                    "person",
                    "display_name",
                    "failed_logins",
                    "locked_until",
                )
            },
        ),
    )

    def user_change_password(self, request, id, form_url=""):
        request._renda_admin_password_view = True
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if getattr(request, "_renda_admin_password_view", False):
            audit_record(
                actor=request.user,
                action="admin.accounts.user.password_set",
                obj=obj,
                changes={"password": "[changed]"},
            )
        return entry


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are issued and revoked by their actions; the admin only shows or deletes them."""

    list_display = ("label", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = (
        "label",
        "user",
        "prefix",
        "digest",
        "created_at",
        "last_used_at",
        "revoked_at",
    )

    def has_add_permission(self, request):
        return False
