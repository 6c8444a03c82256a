from django.urls import path

from citybridge.advocacy import views

app_name = "advocacy"

urlpatterns = [
    path("", views.advocacy_list, name="advocacy_list"),
    path("new/", views.advocacy_create, name="advocacy_create"),
    path("pipeline/", views.advocacy_pipeline, name="advocacy_pipeline"),
    path("<int:pk>/", views.advocacy_detail, name="advocacy_detail"),
    path("<int:pk>/edit/", views.advocacy_edit, name="advocacy_edit"),
    path("testimonials/", views.testimonial_list, name="testimonial_list"),
    path("testimonials/new/", views.testimonial_create, name="testimonial_create"),
    path("testimonials/<int:pk>/edit/", views.testimonial_edit, name="testimonial_edit"),
]
