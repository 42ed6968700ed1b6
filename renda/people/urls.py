from django.urls import path

from .views import composition, deputies, organizations, persons, structure

app_name = "people"

urlpatterns = [
    path("persons/", persons.person_list, name="person_list"),
    path("persons/export.xlsx", persons.person_export, name="person_export"),
    path("persons/new/", persons.person_create, name="person_create"),
    path("persons/<int:pk>/", persons.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", persons.person_edit, name="person_edit"),
    path("deputies/", deputies.deputy_list, name="deputy_list"),
    path("deputies/export.xlsx", deputies.deputy_export, name="deputy_export"),
    path("deputies/new/", deputies.deputy_create, name="deputy_create"),
    path("deputies/<int:pk>/", deputies.deputy_detail, name="deputy_detail"),
    path("deputies/<int:pk>/status/", deputies.deputy_status, name="deputy_status"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/members/new/",
        organizations.membership_create,
        name="membership_create",
    ),
    path("organizations/<int:pk>/posts/new/", structure.post_create, name="post_create"),
    path("organizations/<int:pk>/terms/new/", structure.term_create, name="term_create"),
    path("memberships/<int:pk>/end/", structure.membership_end, name="membership_end"),
    path("composition/", composition.composition, name="composition"),
]
