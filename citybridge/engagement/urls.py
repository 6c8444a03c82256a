from django.urls import path

from citybridge.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.engagement_list, name="engagement_list"),
    path("new/", views.engagement_create, name="engagement_create"),
    path("<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
]
