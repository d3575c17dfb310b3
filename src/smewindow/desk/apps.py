from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "smewindow.desk"
    label = "desk"
    verbose_name = "諮詢服務台 (desk)"
