from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("moderation/", views.queue, name="queue"),
    path("moderation/items/<int:pk>/", views.review, name="review"),
    path("flag/<slug:kind>/<str:pk>/", views.flag, name="flag"),
]
