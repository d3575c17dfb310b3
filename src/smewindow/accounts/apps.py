from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "smewindow.accounts"
    label = "accounts"
    verbose_name = "帳號 (accounts)"
