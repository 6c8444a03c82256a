from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "citybridge.accounts"
    label = "accounts"
