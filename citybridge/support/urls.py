from django.urls import path

from citybridge.support import views

app_name = "support"

urlpatterns = [
    path("", views.support_list, name="support_list"),
    path("new/", views.support_create, name="support_create"),
    path("pipeline/", views.support_pipeline, name="support_pipeline"),
    path("overdue/", views.milestone_overdue, name="milestone_overdue"),
    path("iati/", views.support_iati, name="support_iati"),
    path("<int:pk>/", views.support_detail, name="support_detail"),
    path("<int:pk>/edit/", views.support_edit, name="support_edit"),
    path("<int:pk>/status/", views.support_move, name="support_move"),
    path("<int:pk>/withdraw/", views.support_withdraw, name="support_withdraw"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/disbursements/", views.disbursement_add, name="disbursement_add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("mechanisms/", views.mechanism_list, name="mechanism_list"),
    path("mechanisms/new/", views.mechanism_create, name="mechanism_create"),
    path("mechanisms/<int:pk>/", views.mechanism_detail, name="mechanism_detail"),
    path("mechanisms/<int:pk>/edit/", views.mechanism_edit, name="mechanism_edit"),
    path("mechanisms/<int:pk>/stages/", views.stage_add, name="stage_add"),
    path("action-plans/", views.action_plan_list, name="action_plan_list"),
    path("action-plans/new/", views.action_plan_create, name="action_plan_create"),
    path("action-plans/<int:pk>/edit/", views.action_plan_edit, name="action_plan_edit"),
]
