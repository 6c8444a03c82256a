from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "citybridge.accounts"
    label = "accounts"

    def ready(self) -> None:
        from citybridge.accounts import checks  # noqa: F401  (registers the checks)
