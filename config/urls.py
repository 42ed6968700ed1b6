"""Root URL configuration: back office, public site, API, admin."""

import os

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from renda.api.urls import api
from renda.core import files as _files
from renda.portal.news import office_urlpatterns as news_office_urls

admin.site.site_header = "Renda 人大 · 管理后台"
admin.site.site_title = "Renda 人大"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("renda.accounts.urls")),
    path("office/", include("renda.core.urls")),
    path("office/people/", include("renda.people.urls")),
    path("office/users/", include("renda.people.urls_users")),
    path("office/news/", include(news_office_urls)),
    path("chamber/", include("renda.voting.urls_screens")),
    path("office/voting/", include("renda.voting.urls")),
    path("office/meetings/", include("renda.meetings.urls")),
    path("office/cases/", include("renda.casework.urls")),
    path("office/suggestions/", include("renda.suggestions.urls")),
    path("office/supervision/", include("renda.supervision.urls")),
    path("office/filings/", include("renda.filings.urls")),
    path("office/decisions/", include("renda.decisions.urls")),
    path("office/deputies/", include("renda.deputies.urls")),
    path("office/appointments/", include("renda.appointments.urls")),
    path("office/legislation/", include("renda.legislation.urls")),
    path("office/budget/", include("renda.budget.urls")),
    path("office/compliance/", include("renda.compliance.urls")),
    path("", include("renda.portal.urls")),
]

if os.environ.get("RENDA_BENCH") == "1":
    # The benchmark's reference: a trivial view through Django's whole handler.
    from django.http import HttpResponse

    def _bench_django(request):
        return HttpResponse(b"ok", content_type="text/plain")

    urlpatterns.append(path("__bench/django", _bench_django))

# Stored files are served only through /files/… (renda.core.files), after the owner's check.
urlpatterns.append(
    path("files/<str:label>/<int:pk>/<str:field>/", _files.download, name="files_download")
)
