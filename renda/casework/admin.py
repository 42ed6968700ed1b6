from django.contrib import admin

from renda.core.admin import AuditedAdmin

from .models import CaseKind


@admin.register(CaseKind)
class CaseKindAdmin(AuditedAdmin):
    """Kinds are registered by client apps; administrators may adjust their deadlines and labels."""

    list_display = (
        "code",
        "name",
        "reply_amount",
        "reply_unit",
        "extended_amount",
        "return_window_workdays",
        "rating_window_workdays",
        "rehandle_amount",
        "requester_rates",
    )
