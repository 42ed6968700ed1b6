from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "scope", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name", "person__name")
    autocomplete_fields = ("person", "scope")
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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("label", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
