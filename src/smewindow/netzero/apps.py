"""Django app config of the net-zero tools (the ESCO directory)."""

from django.apps import AppConfig


class NetzeroConfig(AppConfig):
    name = "smewindow.netzero"
    label = "netzero"
    verbose_name = "淨零轉型：能源技術服務業 (net zero: ESCOs)"
    default_auto_field = "django.db.models.BigAutoField"
