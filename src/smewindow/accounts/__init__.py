"""Firm accounts: sign-up with 統一編號 and a verified e-mail, login by e-mail, 統一編號 or
username with throttling (django-axes), password reset (docs/accounts.md)."""
