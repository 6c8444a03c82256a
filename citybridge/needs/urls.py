from django.urls import path

from citybridge.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="need_list"),
    path("new/", views.need_create, name="need_create"),
    path("priorities/", views.regional_priorities, name="regional_priorities"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", views.consultation_needs, name="consultation_needs"),
    path("consultations/<int:pk>/record/", views.consultation_record, name="consultation_record"),
    path("<int:pk>/", views.need_detail, name="need_detail"),
    path("<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("<int:pk>/status/", views.need_status, name="need_status"),
]
