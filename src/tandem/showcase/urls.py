from django.urls import path

from . import views

app_name = "showcase"

urlpatterns = [
    path("showcase/feature/", views.feature_new, name="new"),
    path("showcase/<int:pk>/remove/", views.feature_remove, name="remove"),
    path("spaces/<int:pk>/showcase/", views.space_showcase, name="space"),
]
