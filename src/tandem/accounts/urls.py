from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/privacy/", views.privacy_center, name="privacy"),
    path("me/privacy/export/", views.data_export, name="data_export"),
    path("me/privacy/delete/", views.account_delete, name="account_delete"),
    path("me/calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("people/<int:user_id>/", views.person_detail, name="person_detail"),
    path("people/<int:user_id>/photo/", views.person_avatar, name="person_avatar"),
]
