from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("<int:pk>/", views.relationship_detail, name="relationship"),
    path("<int:pk>/agreement/", views.agreement, name="agreement"),
]
