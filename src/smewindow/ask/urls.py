"""The ask box's page: /ask/?q=… (the box in every page's header sends it here)."""

from django.urls import URLPattern, path

from smewindow.ask import views

app_name = "ask"
urlpatterns: list[URLPattern] = [path("", views.answer, name="answer")]
