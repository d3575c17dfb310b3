"""Django app config of the API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "smewindow.api"
    label = "smewindow_api"
