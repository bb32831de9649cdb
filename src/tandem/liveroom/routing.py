from django.urls import path

from .consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/sessions/<int:pk>/room/", RoomConsumer.as_asgi()),
]
