from django.urls import path

from . import views

app_name = "liveroom"
S = "relationships/<int:pk>/sessions/<int:session_id>/room/"
urlpatterns = [
    path(S, views.room, name="room"),
    path(S + "recordings/<int:recording_id>/", views.recording_upload, name="recording_upload"),
    path(S + "recordings/<int:recording_id>/file/", views.recording_file, name="recording"),
]
