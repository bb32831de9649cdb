from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("community/<int:pk>/newsletter/", views.archive, name="archive"),
    path("community/<int:pk>/newsletter/subscription/", views.subscription, name="subscription"),
    path("community/<int:pk>/newsletter/new/", views.issue_new, name="new"),
    path("newsletter/<int:pk>/", views.issue, name="issue"),
    path("newsletter/<int:pk>/edit/", views.issue_edit, name="edit"),
    path("newsletter/<int:pk>/send/", views.issue_send, name="send"),
    path("newsletter/<int:pk>/discard/", views.issue_discard, name="discard"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
