from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "renda.filings"
    label = "filings"
    verbose_name = _("备案审查")
