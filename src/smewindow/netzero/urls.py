"""The net-zero tools' pages under /netzero/: the carbon and energy-saving tool
(``views``) and the ESCO directory (``views_escos``)."""

from django.urls import URLPattern, path

from smewindow.netzero import views, views_escos

app_name = "netzero"
urlpatterns: list[URLPattern] = [
    path("", views.tool, name="tool"),
    path("estimate.pdf", views.report, name="report"),
    path("estimate.csv", views.table, name="table"),
    path("send", views.send, name="send"),
    path("escos/", views_escos.escos, name="escos"),
]
