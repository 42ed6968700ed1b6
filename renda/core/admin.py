"""Admin registrations and the audit of every admin write.

Every ``ModelAdmin`` of the project derives from :class:`AuditedAdmin` (or mixes in
:class:`AuditedAdminMixin`), so an add, change or delete made in the admin writes an event
to the audit chain in the same transaction, with the changed fields before and after.
"""

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.utils import translation

from .audit import audit_record
from .errors import DomainError
from .models import AuditEvent, CalendarDay, RuleSetting
from .statute import validate_setting

_SECRET_MARKERS = ("password", "digest", "secret", "token_hash")


def _plain(value):
    if isinstance(value, models.QuerySet) or (
        isinstance(value, list | tuple | set) and not isinstance(value, str)
    ):
        return sorted(str(v) for v in value)
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def form_changes(form) -> dict:
    """The changed fields of a bound model form, before and after; secrets masked."""
    changes = {}
    for name in form.changed_data:
        if any(marker in name for marker in _SECRET_MARKERS):
            changes[name] = "[changed]"
            continue
        before = form.initial.get(name)
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField) and before is not None:
            before = [str(v) for v in before] if isinstance(before, list) else str(before)
        changes[name] = {"from": _plain(before), "to": _plain(form.cleaned_data.get(name))}
    return changes


def _action(obj, verb: str) -> str:
    meta = obj._meta
    return f"admin.{meta.app_label}.{meta.model_name}.{verb}"


class AuditedAdminMixin:
    """Write one audit event for each object saved or deleted through the admin."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=_action(obj, "change" if change else "add"),
                obj=obj,
                changes=form_changes(form),
            )

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for obj in getattr(formset, "new_objects", []):
                audit_record(actor=request.user, action=_action(obj, "add"), obj=obj)
            for obj, fields in getattr(formset, "changed_objects", []):
                audit_record(
                    actor=request.user,
                    action=_action(obj, "change"),
                    obj=obj,
                    changes={"fields": list(fields)},
                )
            for obj in getattr(formset, "deleted_objects", []):
                audit_record(actor=request.user, action=_action(obj, "delete"), obj=obj)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(actor=request.user, action=_action(obj, "delete"), obj=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_record(actor=request.user, action=_action(obj, "delete"), obj=obj)
            super().delete_queryset(request, queryset)


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "created_at", "actor_label", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_repr", "actor_label")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind", "source")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        obj.source = CalendarDay.Source.MANUAL
        super().save_model(request, obj, form, change)


class RuleSettingForm(forms.ModelForm):
    class Meta:
        model = RuleSetting
        fields = ("key", "value", "note")

    def clean(self):
        cleaned = super().clean()
        key, value = cleaned.get("key"), cleaned.get("value")
        if key and value is not None:
            try:
                validate_setting(key, value)
            except DomainError as exc:
                field = exc.field if exc.field in self.fields else None
                text = exc.message_in(translation.get_language() or "zh-hans")
                self.add_error(field, forms.ValidationError(text, code=exc.code))
        return cleaned


@admin.register(RuleSetting)
class RuleSettingAdmin(AuditedAdmin):
    form = RuleSettingForm
    list_display = ("key", "value", "note", "updated_at")
