from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("about/bodies/<slug:code>/", views.body_detail, name="body_detail"),
    path("deputies/", views.deputies, name="deputies"),
    path("deputies/<int:pk>/", views.deputy_detail, name="deputy_detail"),
    path("open-data/", views.open_data, name="open_data"),
]
