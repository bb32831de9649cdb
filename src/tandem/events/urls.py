from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.home, name="home"),
    path("spaces/<int:pk>/events/", views.space_events, name="space"),
    path("spaces/<int:pk>/events/new/", views.event_new, name="new"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>/edit/", views.event_edit, name="edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("events/<int:pk>/register/", views.event_register, name="register"),
    path("events/<int:pk>/unregister/", views.event_unregister, name="unregister"),
    path("events/<int:pk>/join/", views.event_join, name="join"),
    path("events/<int:pk>/event.ics", views.event_ics, name="ics"),
    path("events/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("events/<int:pk>/recording/", views.recording, name="recording"),
    path("events/<int:pk>/chat/", views.chat, name="chat"),
    path("events/<int:pk>/chat/<int:line_id>/hide/", views.chat_hide, name="chat_hide"),
]
