from django.urls import path

from citybridge.practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="practice_list"),
    path("new/", views.practice_create, name="practice_create"),
    path("<int:pk>/", views.practice_detail, name="practice_detail"),
    path("<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("<int:pk>/translations/", views.translation_add, name="translation_add"),
    path("<int:pk>/resources/", views.resource_add, name="resource_add"),
    path("resources/<int:pk>/", views.resource_download, name="resource_download"),
]
