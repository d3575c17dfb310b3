"""URL routes: the finder's pages and the JSON API under /api/v1/."""

from django.urls import include, path

from smewindow.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("smewindow.finder.urls")),
]
