from django.urls import path

from . import user_views as views

app_name = "users"

urlpatterns = [
    path("", views.user_list, name="list"),
    path("new/", views.user_create, name="create"),
    path("<int:pk>/", views.user_detail, name="detail"),
    path("<int:pk>/status/", views.user_status, name="status"),
    path("<int:pk>/password/", views.user_password_reset, name="password"),
]
