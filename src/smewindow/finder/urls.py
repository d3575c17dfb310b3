"""The finder's routes."""

from django.urls import path

from smewindow.finder import readiness, views

app_name = "finder"
urlpatterns = [
    path("", views.home, name="home"),
    path("finder", views.finder, name="finder"),
    path("results", views.results, name="results"),
    path("results.ics", views.results_calendar, name="calendar"),
    path("results.pdf", views.results_report, name="report"),
    path("programs/", views.program_list, name="programs"),
    path("programs/<slug:program_id>", views.program_detail, name="program"),
    path("readiness/", readiness.readiness, name="readiness"),
]
