"""The net-zero tools' pages under /netzero/: the carbon and energy-saving tool
(``views``) and the ESCO directory (``views_escos``)."""

from django.urls import URLPattern

app_name = "netzero"
urlpatterns: list[URLPattern] = []
