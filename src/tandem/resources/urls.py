from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("spaces/<int:pk>/library/", views.library, name="library"),
    path("spaces/<int:pk>/library/add/", views.resource_new, name="new"),
    path("library/<int:pk>/", views.resource, name="resource"),
    path("library/<int:pk>/edit/", views.resource_edit, name="edit"),
    path("library/<int:pk>/remove/", views.resource_delete, name="delete"),
    path("library/<int:pk>/file/", views.resource_file, name="file"),
    path("library/<int:pk>/captions.vtt", views.resource_captions, name="captions"),
]
