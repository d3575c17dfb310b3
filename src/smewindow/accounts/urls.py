"""The account pages, under /accounts/."""

from django.contrib.auth import views as auth
from django.urls import path

from smewindow.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup", views.signup, name="signup"),
    path("signup/sent", views.sent, name="sent"),
    path("verify/resend", views.resend, name="resend"),
    path("verify/<uidb64>/<token>", views.verify, name="verify"),
    path("", views.account, name="account"),
    path("password", views.ChangePassword.as_view(), name="password_change"),
    path(
        "password/done",
        auth.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("email", views.change_email, name="email_change"),
    path("email/sent", views.email_sent, name="email_sent"),
    path("email/confirm/<uidb64>/<token>", views.email_confirm, name="email_confirm"),
    path("email/done", views.email_done, name="email_done"),
    path("login/", views.Login.as_view(), name="login"),
    path("logout", auth.LogoutView.as_view(), name="logout"),
    path("no-firm", views.no_firm, name="no_firm"),
    path(
        "password-reset/",
        views.Reset.as_view(),
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
