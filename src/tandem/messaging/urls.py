from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/search/", views.search, name="search"),
    path("messages/groups/new/", views.group_new, name="group_new"),
    path("messages/relationship/<int:pk>/", views.for_relationship, name="for_relationship"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/people/", views.members, name="members"),
    path("messages/<int:pk>/m/<int:message_id>/edit/", views.message_edit, name="edit"),
    path("messages/<int:pk>/m/<int:message_id>/delete/", views.message_delete, name="delete"),
    path("messages/files/<int:attachment_id>/", views.attachment, name="attachment"),
]
