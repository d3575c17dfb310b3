"""Django app config of the finder."""

from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "smewindow.finder"
    label = "finder"

    def ready(self) -> None:
        from smewindow.finder import pdf  # noqa: F401  registers the PDF report's system check
