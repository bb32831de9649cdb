from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("community/", views.community_home, name="home"),
    path("spaces/<int:pk>/", views.space, name="space"),
    path("spaces/<int:pk>/join/", views.space_join, name="join"),
    path("spaces/<int:pk>/leave/", views.space_leave, name="leave"),
    path("spaces/<int:pk>/new-group/", views.space_new, name="space_new"),
    path("spaces/<int:pk>/edit/", views.space_edit, name="space_edit"),
    path("spaces/<int:pk>/members/", views.members, name="members"),
    path("spaces/<int:pk>/figures/", views.figures, name="figures"),
    path("spaces/<int:pk>/members/invite/", views.member_invite, name="invite"),
    path("spaces/<int:pk>/members/<int:row_id>/", views.member_action, name="member_action"),
]
