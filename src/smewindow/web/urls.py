"""URL routes: the finder's pages, the catalogue's pages under /catalog/, the JSON API under
/api/v1/, the firms' and the staff's pages under /apply/ and /review/, the desk's under
/desk/, the net-zero tools under /netzero/, the ask box under /ask/, the accounts under
/accounts/ and the admin under /admin/; the 404 and 500 of ``web/errors.py``."""

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
    path("desk/", include("smewindow.desk.urls")),
    path("netzero/", include("smewindow.netzero.urls")),
    path("ask/", include("smewindow.ask.urls")),
    path("accounts/", include("smewindow.accounts.urls")),
    path("", include("smewindow.finder.urls")),
]

handler404 = "smewindow.web.errors.page_not_found"
handler500 = "smewindow.web.errors.server_error"
