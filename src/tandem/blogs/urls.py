from django.urls import path

from . import views
from .feeds import PublicPostsFeed

app_name = "blogs"

urlpatterns = [
    path("blog/", views.blog_home, name="home"),
    path("blog/write/", views.post_new, name="new"),
    path("blog/posts/<int:pk>/edit/", views.post_edit, name="edit"),
    path("blog/posts/<int:pk>/delete/", views.post_delete, name="delete"),
    path("blogs/<slug:handle>/", views.author_blog, name="author"),
    path("blogs/<slug:handle>/feed/", PublicPostsFeed(), name="feed"),
    path("blogs/<slug:handle>/<slug:slug>/", views.post, name="post"),
    path("blogs/<slug:handle>/<slug:slug>/comment/", views.comment, name="comment"),
    path(
        "blogs/<slug:handle>/<slug:slug>/comments/<int:comment_id>/remove/",
        views.comment_remove,
        name="comment_remove",
    ),
    path("blogs/<slug:handle>/<slug:slug>/react/", views.react, name="react"),
]
