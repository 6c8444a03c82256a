from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path, re_path

from citybridge.api.v1 import api
from citybridge.matching.api import router as matching_api
from citybridge.reports.api import router as reports_api

# The API's routes of the apps that rank beside the api app in the import order.
api.add_router("/", matching_api)
api.add_router("/", reports_api)


def only_our_catalogs(request: HttpRequest, **kwargs) -> HttpResponse:
    """Rosetta may also list Django's and other packages' catalogs: those are not the hub's to
    change (they live in the installed packages), so only the project's own are reachable."""
    raise Http404


# In the site's frame, falling back to a page that needs neither the database nor the request.
handler500 = "citybridge.errors.server_error"

urlpatterns = [
    path("", include("citybridge.reports.urls")),
    path("", include("citybridge.network.urls")),
    path("engagements/", include("citybridge.engagement.urls")),
    path("imports/", include("citybridge.imports.urls")),
    path("needs/", include("citybridge.needs.urls")),
    path("needs/", include("citybridge.matching.urls")),
    path("practices/", include("citybridge.practices.urls")),
    path("support/", include("citybridge.support.urls")),
    path("advocacy/", include("citybridge.advocacy.urls")),
    path("search/", include("citybridge.search.urls")),
    # Public check-in links (/c/...) and the officer's check-in pages (/engagements/.../check-in/).
    path("", include("citybridge.checkin.urls")),
    path("accounts/", include("citybridge.accounts.urls")),
    path("jobs/", include("citybridge.jobs.urls")),
    path("", include("citybridge.operations.urls")),
    path("api/v1/", api.urls),
    path("api/", include("citybridge.api.urls")),
    path("calendars/", include("citybridge.calendars.urls")),
    path("admin/", admin.site.urls),
    # Hub admins correct the interface's translations in the product (django-rosetta).
    re_path(
        r"^translations/files/(?!project/)[\w-]+/", only_our_catalogs, name="translations_elsewhere"
    ),
    path("translations/", include("rosetta.urls")),
]
