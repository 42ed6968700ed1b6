from django.urls import path

from renda.compliance.public import public_page as compliance_page

from . import (
    budget,
    decisions,
    filings,
    legislation,
    meetings,
    messages,
    officials,
    polls,
    reports,
    stations,
    suggestions,
    supervision,
    views,
)
from .news import public_urlpatterns as news_urls
from .search import site_search_view

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", site_search_view, name="search"),
    *news_urls,
    path("about/", views.about, name="about"),
    path("about/bodies/<slug:code>/", views.body_detail, name="body_detail"),
    path("about/officials/", officials.officials, name="officials"),
    path("deputies/", views.deputies, name="deputies"),
    path("deputies/<int:pk>/", views.deputy_detail, name="deputy_detail"),
    path("deputies/stations/", stations.station_list, name="stations"),
    path("legislation/", legislation.index, name="legislation"),
    path("legislation/drafts/<int:pk>/", legislation.draft_detail, name="legislation_draft"),
    path(
        "legislation/drafts/<int:pk>/comment/",
        legislation.draft_comment,
        name="legislation_comment",
    ),
    path(
        "legislation/drafts/<int:pk>/compare/",
        legislation.draft_compare,
        name="legislation_compare",
    ),
    path("legislation/track/", legislation.track, name="legislation_track"),
    path("legislation/hearings/<int:pk>/", legislation.hearing, name="legislation_hearing"),
    path("legislation/plans/<int:pk>/", legislation.plan_detail, name="legislation_plan"),
    path("legislation/regulations/", legislation.regulations, name="legislation_regulations"),
    path("legislation/regulations/<int:pk>/", legislation.feedback, name="legislation_feedback"),
    path(
        "legislation/drafts/<int:pk>/draft.docx",
        legislation.draft_docx,
        name="legislation_draft_docx",
    ),
    path(
        "legislation/drafts/<int:pk>/draft.pdf",
        legislation.draft_pdf,
        name="legislation_draft_pdf",
    ),
    path(
        "legislation/contact-points/<int:pk>/",
        legislation.contact_point,
        name="legislation_contact_point",
    ),
    path(
        "legislation/contact-points/", legislation.contact_points, name="legislation_contact_points"
    ),
    path("deputies/<int:pk>/write/", messages.write_to_deputy, name="write_to_deputy"),
    path("deputies/stations/<int:pk>/write/", messages.write_to_station, name="write_to_station"),
    path("deputies/messages/", messages.published, name="messages"),
    path("deputies/messages/track/", messages.track, name="message_track"),
    path("deputies/plans/", reports.work_plans, name="work_plans"),
    path("deputies/plans/<int:year>/", reports.work_plan_detail, name="work_plan_detail"),
    path("deputies/reports/", reports.voter_reports, name="voter_reports"),
    path("deputies/stations/<int:pk>/", stations.station_detail, name="station_detail"),
    path("open-data/", views.open_data, name="open_data"),
    path("compliance/", compliance_page, name="compliance"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/gallery/", meetings.gallery_register, name="gallery_register"),
    path("meetings/polls/<int:pk>/", polls.poll_detail, name="poll_detail"),
    path("suggestions/", suggestions.suggestion_list, name="suggestions"),
    path("suggestions/<int:pk>/", suggestions.suggestion_detail, name="suggestion_detail"),
]

# Each domain's public pages (portal/<domain>.py).
urlpatterns += (
    supervision.urlpatterns + filings.urlpatterns + decisions.urlpatterns + budget.urlpatterns
)
