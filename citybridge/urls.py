from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("citybridge.reports.urls")),
    path("", include("citybridge.network.urls")),
    path("engagements/", include("citybridge.engagement.urls")),
    path("needs/", include("citybridge.needs.urls")),
    path("practices/", include("citybridge.practices.urls")),
    path("support/", include("citybridge.support.urls")),
    path("advocacy/", include("citybridge.advocacy.urls")),
    path("accounts/", include("citybridge.accounts.urls")),
    path("jobs/", include("citybridge.jobs.urls")),
    path("admin/", admin.site.urls),
]
