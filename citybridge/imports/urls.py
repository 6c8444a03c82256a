from django.urls import path

from citybridge.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("preview/<uuid:pk>/", views.preview, name="preview"),
    path("revise/", views.revise, name="revise"),
    path("confirm/", views.confirm, name="confirm"),
    path("cancel/", views.cancel, name="cancel"),
]
