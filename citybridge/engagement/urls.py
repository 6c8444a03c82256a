from django.urls import path

from citybridge.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.engagement_list, name="engagement_list"),
    path("new/", views.engagement_create, name="engagement_create"),
    path("review/", views.review_list, name="review_list"),
    path("review/<int:pk>/", views.review_decide, name="review_decide"),
    path("review/decisions/<int:pk>/undo/", views.review_undo, name="review_undo"),
    path("records/<int:pk>/split/", views.record_split, name="record_split"),
    path("sheets/<int:pk>/remove/", views.sheet_remove, name="sheet_remove"),
    path("<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
]
