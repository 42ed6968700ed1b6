from django.contrib import admin

from renda.core.admin import AuditedAdmin

from .models import Deputy, Jurisdiction, Membership, Organization, Person, Post, Term


@admin.register(Jurisdiction)
class JurisdictionAdmin(AuditedAdmin):
    list_display = ("name", "level", "population")


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "parent", "code", "is_public", "sort_order")
    list_filter = ("kind", "is_public")
    search_fields = ("name", "abbreviation", "code")
    autocomplete_fields = ("parent",)
    exclude = ("search_text",)


@admin.register(Term)
class TermAdmin(AuditedAdmin):
    list_display = ("__str__", "congress", "start_date", "end_date")
    search_fields = ("number",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organization", "post", "term")


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("name", "gender", "ethnicity", "birth_year", "party", "occupation")
    list_filter = ("gender", "party")
    search_fields = ("name", "name_en", "occupation")
    exclude = ("search_text",)
    inlines = [MembershipInline]


@admin.register(Post)
class PostAdmin(AuditedAdmin):
    list_display = ("label", "organization", "role", "elected_or_appointed")
    list_filter = ("role", "elected_or_appointed")
    search_fields = ("label", "organization__name")
    autocomplete_fields = ("organization",)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = (
        "person",
        "organization",
        "role",
        "post",
        "term",
        "start_date",
        "end_date",
        "is_full_time",
    )
    list_filter = ("role", "is_full_time", "organization__kind")
    search_fields = ("person__name", "organization__name")
    autocomplete_fields = ("person", "organization", "post", "term")


@admin.register(Deputy)
class DeputyAdmin(AuditedAdmin):
    list_display = (
        "person",
        "term",
        "constituency",
        "occupation_category",
        "is_reelected",
        "status",
    )
    list_filter = ("term", "occupation_category", "is_reelected", "status")
    search_fields = ("person__name", "constituency", "electing_unit")
    autocomplete_fields = ("person", "term")
    # The status of a deputy changes only through its declared action.
    readonly_fields = ("status", "status_date", "status_reason")
