from django.urls import path

from citybridge.network import views

app_name = "network"

urlpatterns = [
    path("hub/settings/", views.hub_settings, name="hub_settings"),
    path("hub/texts/", views.hub_texts, name="hub_texts"),
    path("hub/privacy-notice/", views.hub_notice, name="hub_notice"),
    path("hub/choose/", views.hub_choose, name="hub_choose"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/new/", views.city_create, name="city_create"),
    path("cities/<int:pk>/", views.city_detail, name="city_detail"),
    path("cities/<int:pk>/edit/", views.city_edit, name="city_edit"),
    path("cities/<int:pk>/memberships/", views.membership_add, name="membership_add"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/positions/", views.position_add, name="position_add"),
    path("people/<int:pk>/export/", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
]
