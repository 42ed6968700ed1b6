from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "renda.devtools"
    label = "devtools"
    verbose_name = "Demo data"
