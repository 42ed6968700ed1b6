"""Public pages of filings; ``urlpatterns`` is added to the portal's."""

urlpatterns: list = []
