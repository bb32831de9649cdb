from django.contrib import admin
from django.urls import include, path

from tandem.core import views as core_views
from tandem.programmes import views as programme_views

urlpatterns = [
    path("", programme_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("tandem.accounts.urls")),
    path("programmes/", include("tandem.programmes.urls")),
    path("", include("tandem.intake.urls")),
    path("", include("tandem.matching.urls")),
    path("", include("tandem.mentoring.urls")),
    path("", include("tandem.messaging.urls")),
    path("", include("tandem.liveroom.urls")),
    path("", include("tandem.notifications.urls")),
    path("", include("tandem.community.urls")),
    path("", include("tandem.search.urls")),
    path("", include("tandem.moderation.urls")),
    path("", include("tandem.forums.urls")),
    path("", include("tandem.blogs.urls")),
    path("", include("tandem.resources.urls")),
    path("", include("tandem.showcase.urls")),
    path("", include("tandem.events.urls")),
    path("", include("tandem.newsletter.urls")),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
