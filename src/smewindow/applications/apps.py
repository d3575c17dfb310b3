from django.apps import AppConfig
from django.db.models.signals import post_save


class ApplicationsConfig(AppConfig):
    name = "smewindow.applications"
    label = "applications"
    verbose_name = "補助申請 (applications)"

    def ready(self) -> None:
        from smewindow.applications.models import StatusChange
        from smewindow.applications.notifications import status_change_mail

        post_save.connect(status_change_mail, sender=StatusChange, dispatch_uid="status_mail")
