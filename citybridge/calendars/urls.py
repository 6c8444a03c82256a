from django.urls import path

from citybridge.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.calendar_feeds, name="calendar_feeds"),
    path("reset/", views.feed_reset, name="feed_reset"),
    path("<str:token>/<slug:hub>.ics", views.hub_feed, name="hub_feed"),
    path("<str:token>/<slug:hub>/cities/<int:pk>.ics", views.city_feed, name="city_feed"),
]
