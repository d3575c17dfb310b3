"""The catalogue's pages, under /catalog/."""

from django.urls import path
from django.views.generic import RedirectView

from smewindow.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="catalog:courses", query_string=True), name="home"),
    path("statistics", views.statistics, name="statistics"),
    path("statistics/<slug:table>.csv", views.statistics_csv, name="statistics_csv"),
    path("courses", views.courses, name="courses"),
    path("courses/<int:course_id>", views.course, name="course"),
    path("providers", views.providers, name="providers"),
    path("providers/<int:provider_id>", views.provider, name="provider"),
    path("software", views.software, name="software"),
    path("software/<int:software_id>", views.software_item, name="software_item"),
]
