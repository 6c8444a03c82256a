from django.urls import path

from citybridge.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job_detail"),
]
