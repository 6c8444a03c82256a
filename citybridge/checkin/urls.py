from django.urls import path

from citybridge.checkin import public, views

app_name = "checkin"

urlpatterns = [
    # The participant's: short, public, each under /c/ (the service worker's scope).
    path("c/sw.js", public.service_worker, name="service_worker"),
    path("c/<str:token>/", public.checkin_form, name="checkin_form"),
    path("c/<str:token>/send/", public.checkin_submit, name="checkin_submit"),
    path("c/<str:token>/thanks/", public.checkin_thanks, name="checkin_thanks"),
    path("c/<str:token>/manifest.webmanifest", public.checkin_manifest, name="checkin_manifest"),
    path("c/<str:token>/leave/", public.kiosk_leave, name="kiosk_leave"),
    # The officer's, beside the engagement's own pages.
    path("engagements/<int:pk>/check-in/", views.checkin_panel, name="checkin_panel"),
    path(
        "engagements/<int:pk>/check-in/arrivals/", views.checkin_arrivals, name="checkin_arrivals"
    ),
    path("engagements/<int:pk>/check-in/open/", views.checkin_open, name="checkin_open"),
    path("engagements/<int:pk>/check-in/close/", views.checkin_close, name="checkin_close"),
    path("engagements/<int:pk>/check-in/pin/", views.checkin_pin, name="checkin_pin"),
    path("engagements/<int:pk>/check-in/kiosk/", views.checkin_kiosk, name="checkin_kiosk"),
    path("engagements/<int:pk>/check-in/sheet/", views.checkin_sheet, name="checkin_sheet"),
    path(
        "engagements/check-in/arrivals/<int:pk>/remove/",
        views.arrival_remove,
        name="arrival_remove",
    ),
]
