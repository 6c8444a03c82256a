"""Matching's pages. They sit under /needs/ beside the needs they answer (a need's matches are
/needs/<pk>/matches/), but belong to this app and its `matching:` namespace."""

from django.urls import path

from citybridge.matching import views

app_name = "matching"

urlpatterns = [
    path("match/", views.match_search, name="match_search"),
    path("<int:pk>/matches/", views.need_matches, name="need_matches"),
    path("<int:pk>/matches/support/", views.match_support, name="match_support"),
    path("<int:pk>/matches/exchange/", views.match_exchange, name="match_exchange"),
]
