"""Public pages of decisions; ``urlpatterns`` is added to the portal's."""

urlpatterns: list = []
