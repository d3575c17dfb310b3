"""Django app config of the ask box (its page and templates)."""

from django.apps import AppConfig


class AskConfig(AppConfig):
    name = "smewindow.ask"
    label = "ask"
    verbose_name = "問答 (ask the window)"
