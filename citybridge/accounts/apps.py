from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "citybridge.accounts"
    label = "accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from citybridge.accounts import access_log, checks  # noqa: F401  (registers the checks)

        # Django's and django-axes' own signals: every sign-in, failure and lockout is logged.
        user_logged_in.connect(access_log.signed_in, dispatch_uid="citybridge.sign_in")
        user_login_failed.connect(
            access_log.sign_in_failed, dispatch_uid="citybridge.sign_in_failed"
        )
        user_locked_out.connect(access_log.locked_out, dispatch_uid="citybridge.locked_out")
