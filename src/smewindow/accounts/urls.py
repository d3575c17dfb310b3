"""The account pages, under /accounts/."""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from smewindow.accounts import views
from smewindow.accounts.forms import ResetForm

app_name = "accounts"
urlpatterns = [
    path("signup", views.signup, name="signup"),
    path("signup/sent", views.sent, name="sent"),
    path("verify/resend", views.resend, name="resend"),
    path("verify/<uidb64>/<token>", views.verify, name="verify"),
    path("login/", views.Login.as_view(), name="login"),
    path("logout", auth.LogoutView.as_view(), name="logout"),
    path("no-firm", views.no_firm, name="no_firm"),
    path(
        "password-reset/",
        auth.PasswordResetView.as_view(
            form_class=ResetForm,
            template_name="accounts/password_reset.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent",
        auth.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.NewPassword.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done",
        auth.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
