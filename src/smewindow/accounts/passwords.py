"""Django's password validators with their messages in Chinese and English (the field is
named, as every form error of the site is), and the Argon2 hasher's cost."""

from __future__ import annotations

from django.contrib.auth import password_validation as django
from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's recommended minimum — 19 MiB of memory, 2 iterations, 1 lane
    (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html) —
    instead of Django's 100 MiB and 8 lanes: about 20 ms a login instead of 100 ms of both
    cores, so a crowd logging in at a deadline does not queue every page behind it
    (docs/benchmarks.md). Hashes made with other costs still verify and are re-hashed at
    the next login. The algorithm name stays ``argon2``."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1


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
