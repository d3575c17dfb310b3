from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "smewindow.outbox"
    label = "outbox"
    verbose_name = "寄信佇列 (mail outbox)"
