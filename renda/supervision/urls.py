"""Back-office pages of supervision, under /office/supervision/."""

app_name = "supervision"

urlpatterns: list = []
