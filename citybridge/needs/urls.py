from django.urls import path

from citybridge.matching import views as matching
from citybridge.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="need_list"),
    path("new/", views.need_create, name="need_create"),
    path("priorities/", views.regional_priorities, name="regional_priorities"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", views.consultation_needs, name="consultation_needs"),
    path("consultations/<int:pk>/record/", views.consultation_record, name="consultation_record"),
    path("match/", matching.match_search, name="match_search"),
    path("<int:pk>/", views.need_detail, name="need_detail"),
    path("<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("<int:pk>/status/", views.need_status, name="need_status"),
    path("<int:pk>/matches/", matching.need_matches, name="need_matches"),
    path("<int:pk>/matches/support/", matching.match_support, name="match_support"),
    path("<int:pk>/matches/exchange/", matching.match_exchange, name="match_exchange"),
]
