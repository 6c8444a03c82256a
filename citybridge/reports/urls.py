from django.urls import path

from citybridge.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:key>/", views.figure_detail, name="figure_detail"),
    path("figures/<slug:key>/people/<int:pk>/", views.figure_person, name="figure_person"),
]
