"""The agency's pages under /review/."""

from django.urls import path

from smewindow.applications import views_staff

app_name = "review"
urlpatterns = [
    path("", views_staff.queue, name="queue"),
    path("<int:pk>/", views_staff.review, name="application"),
    path("<int:pk>/claim", views_staff.claim, name="claim"),
    path("<int:pk>/approve", views_staff.approve, name="approve"),
    path("<int:pk>/reject", views_staff.reject, name="reject"),
    path("<int:pk>/documents", views_staff.documents, name="documents"),
    path("<int:pk>/complete", views_staff.complete, name="complete"),
    path("<int:pk>/bonus/approve", views_staff.bonus_approve, name="bonus_approve"),
    path("<int:pk>/bonus/reject", views_staff.bonus_reject, name="bonus_reject"),
    path("payments", views_staff.payments, name="payments"),
    path("payments/<int:pk>", views_staff.pay, name="pay"),
    path("payments/<int:pk>/bonus", views_staff.pay_bonus, name="pay_bonus"),
    path("payments/<int:pk>/close", views_staff.close, name="close"),
    path("dashboard", views_staff.dashboard_page, name="dashboard"),
    path("dashboard/<slug:table>.csv", views_staff.dashboard_csv, name="dashboard_csv"),
]
