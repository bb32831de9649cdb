from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/members/", views.programme_members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/", views.membership_edit, name="membership_edit"),
    path(
        "<slug:slug>/members/<int:membership_id>/end/", views.membership_end, name="membership_end"
    ),
    path("<slug:slug>/history/", views.programme_history, name="history"),
    path("<slug:slug>/model/", views.programme_model_edit, name="model"),
    path("<slug:slug>/model/export/", views.programme_model_export, name="model_export"),
    path("<slug:slug>/model/import/", views.programme_model_import, name="model_import"),
    path("<slug:slug>/model/preset/", views.programme_model_preset, name="model_preset"),
]
