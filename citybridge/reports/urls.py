from django.urls import path

from citybridge.reports import city, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:key>/", views.figure_detail, name="figure_detail"),
    path("figures/<slug:key>/people/<int:pk>/", views.figure_person, name="figure_person"),
    path("cities/<int:pk>/story/", city.city_story, name="city_story"),
    path("cities/<int:pk>/story/save/", city.city_story_save, name="city_story_save"),
]
