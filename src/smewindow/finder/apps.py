"""Django app config of the finder."""

from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "smewindow.finder"
    label = "finder"
