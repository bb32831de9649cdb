from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("apply/", views.open_programmes, name="open"),
    path("apply/<slug:slug>/", views.apply_landing, name="landing"),
    path("apply/<slug:slug>/<int:cohort_id>/<str:kind>/", views.apply, name="apply"),
    path(
        "apply/<slug:slug>/<int:cohort_id>/<str:kind>/draft/", views.apply_draft, name="apply_draft"
    ),
    path("programmes/<slug:slug>/intake/", views.review_home, name="review_home"),
    path("programmes/<slug:slug>/intake/new/", views.cohort_new, name="cohort_new"),
    path("programmes/<slug:slug>/intake/<int:cohort_id>/", views.review_list, name="review_list"),
    path(
        "programmes/<slug:slug>/intake/<int:cohort_id>/applications/<int:application_id>/",
        views.review_application,
        name="review_application",
    ),
]
