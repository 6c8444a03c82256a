from django.urls import path

from citybridge.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
]
