"""The JSON API (django-ninja): a thin layer over ``smewindow.rules``."""
