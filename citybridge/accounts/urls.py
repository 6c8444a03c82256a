from django.contrib.auth import views as auth_views
from django.urls import path

from citybridge.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/setup/", views.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/recovery/", views.mfa_recovery, name="mfa_recovery"),
    path("access-log/", views.access_log, name="access_log"),
]
