"""URL routes: the JSON API under /api/v1/ (the pages come with the finder)."""

from django.urls import path

from smewindow.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
