from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "smewindow.applications"
    label = "applications"
    verbose_name = "補助申請 (applications)"
