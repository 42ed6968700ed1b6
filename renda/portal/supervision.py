"""Public pages of supervision; ``urlpatterns`` is added to the portal's."""

urlpatterns: list = []
