"""Django's password validators with their messages in Chinese and English (the field is
named, as every form error of the site is)."""

from __future__ import annotations

from django.contrib.auth import password_validation as django


class MinimumLengthValidator(django.MinimumLengthValidator):
    def get_error_message(self) -> str:
        n = self.min_length
        return f"密碼：至少需 {n} 個字元 (password: at least {n} characters)"

    def get_help_text(self) -> str:
        return self.get_error_message()


class UserAttributeSimilarityValidator(django.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return "密碼：與帳號或電子郵件太相似 (password: too similar to your account or e-mail)"

    def get_help_text(self) -> str:
        return self.get_error_message()


class CommonPasswordValidator(django.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "密碼：太常見，容易被猜中 (password: too common)"

    def get_help_text(self) -> str:
        return self.get_error_message()


class NumericPasswordValidator(django.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密碼：不可全為數字 (password: cannot be only digits)"

    def get_help_text(self) -> str:
        return self.get_error_message()
