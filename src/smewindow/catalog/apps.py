"""Django app config of the catalogue."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "smewindow.catalog"
    label = "catalog"
    verbose_name = "課程與開課單位 (training catalogue)"
    default_auto_field = "django.db.models.BigAutoField"
