from django.urls import path

from citybridge.reports import views
from citybridge.reports.briefs import views as briefs

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:key>/", views.figure_detail, name="figure_detail"),
    path("figures/<slug:key>/people/<int:pk>/", views.figure_person, name="figure_person"),
    path("cities/<int:pk>/story/", views.city_story, name="city_story"),
    path("cities/<int:pk>/story/save/", views.city_story_save, name="city_story_save"),
    path("briefs/", briefs.brief_list, name="brief_list"),
    path("briefs/preview/", briefs.brief_preview, name="brief_preview"),
    path("briefs/publish/", briefs.brief_publish, name="brief_publish"),
    path("briefs/<int:pk>/", briefs.brief_detail, name="brief_detail"),
    path("briefs/<int:pk>/<slug:fmt>/", briefs.brief_download, name="brief_download"),
]
