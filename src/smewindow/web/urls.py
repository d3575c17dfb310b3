"""URL routes: the finder's pages, the catalogue's pages under /catalog/, the JSON API under
/api/v1/, the firms' and the staff's pages under /apply/ and /review/, the accounts under
/accounts/ and the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

from smewindow.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("catalog/", include("smewindow.catalog.urls")),
    path("apply/", include("smewindow.applications.urls_firm")),
    path("review/", include("smewindow.applications.urls_staff")),
    path("accounts/", include("smewindow.accounts.urls")),
    path("", include("smewindow.finder.urls")),
]
