"""Back-office pages of filings, under /office/filings/."""

app_name = "filings"

urlpatterns: list = []
