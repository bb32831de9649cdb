from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("spaces/<int:pk>/discussions/", views.topic_list, name="list"),
    path("spaces/<int:pk>/discussions/new/", views.topic_new, name="new"),
    path("spaces/<int:pk>/discussions/follow/", views.space_watch, name="space_watch"),
    path("discussions/<int:pk>/", views.topic, name="topic"),
    path("discussions/<int:pk>/<int:number>/", views.post_link, name="post"),
    path("discussions/<int:pk>/reply/", views.reply, name="reply"),
    path("discussions/<int:pk>/follow/", views.watch, name="watch"),
    path("discussions/<int:pk>/answer/", views.answer, name="answer"),
    path("discussions/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("discussions/<int:pk>/posts/<int:post_id>/edit/", views.post_edit, name="edit"),
    path("discussions/<int:pk>/posts/<int:post_id>/history/", views.post_history, name="history"),
    path("discussions/<int:pk>/posts/<int:post_id>/delete/", views.post_delete, name="delete"),
    path(
        "discussions/<int:pk>/posts/<int:post_id>/moderate/",
        views.post_moderate,
        name="post_moderate",
    ),
]
