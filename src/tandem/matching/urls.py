from django.urls import path

from . import views

app_name = "matching"
base = "programmes/<slug:slug>/intake/<int:cohort_id>/matching/"
urlpatterns = [
    path(base, views.cohort_matching, name="cohort"),
    path(base + "rules/", views.pair_rule, name="rule"),
    path(base + "<int:run_id>/approve/", views.approve, name="approve"),
]
