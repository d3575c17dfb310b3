"""The firm's pages, under /apply/."""

from django.urls import path

from smewindow.applications import views_firm as views

app_name = "apply"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new", views.application_new, name="new"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/save", views.application_save, name="save"),
    path("<int:pk>/answers", views.answers_save, name="answers"),
    path("<int:pk>/trainees", views.trainee_add, name="trainee_add"),
    path("<int:pk>/trainees/<int:trainee_pk>/remove", views.trainee_remove, name="trainee_remove"),
    path("<int:pk>/software", views.software_add, name="software_add"),
    path(
        "<int:pk>/software/<int:software_pk>/remove", views.software_remove, name="software_remove"
    ),
    path("<int:pk>/submit", views.application_submit, name="submit"),
    path("<int:pk>/resubmit", views.application_resubmit, name="resubmit"),
    path("<int:pk>/bonus", views.bonus_claim, name="bonus_claim"),
    path("<int:pk>/documents", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>", views.document, name="document"),
    path(
        "<int:pk>/documents/<int:document_pk>/delete",
        views.document_delete,
        name="document_delete",
    ),
]
