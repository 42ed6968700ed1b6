"""Back-office pages of decisions, under /office/decisions/."""

app_name = "decisions"

urlpatterns: list = []
