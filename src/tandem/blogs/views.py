"""Thin views over blogs. Public posts and feeds open without signing in;
everything else goes through :mod:`access`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.community.handles import handle_for, user_by_handle
from tandem.core.access import deny, object_or_404

from . import selectors, services
from .access import own_post, post_for
from .forms import CommentForm, PostForm
from .models import REACTION_NAMES, ReactionKind


@login_required
def blog_home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "blogs/home.html",
        {"posts": selectors.recent_posts(request.user),
         "drafts": selectors.drafts_of(request.user)[:5],
         "my_handle": handle_for(request.user)},
    )  # fmt: skip


def _editor(request: HttpRequest, post_id: int | None) -> HttpResponse:
    post = own_post(request.user, post_id) if post_id else None
    options = selectors.share_options(request.user)
    initial = (
        {"title": post.title, "body": post.body, "share": PostForm.share_of(post)} if post else {}
    )
    form = PostForm(request.POST or None, initial=initial, options=options)
    if request.method == "POST" and form.is_valid():
        visibility, space = form.placement()
        try:
            post = services.post_save(
                actor=request.user, post=post, title=form.cleaned_data["title"],
                body=form.cleaned_data["body"], visibility=visibility, space=space,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(services.post_url(post))
    return render(
        request, "blogs/edit.html", {"form": form, "post": post},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor(request, pk)


@login_required
@require_POST
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.post_delete(actor=request.user, post=own_post(request.user, pk))
    messages.success(request, _("The post was deleted."))
    return redirect("blogs:home")


def author_blog(request: HttpRequest, handle: str) -> HttpResponse:
    author = user_by_handle(handle)
    if author is None:
        raise deny()
    return render(
        request, "blogs/author.html",
        {"author": author, "handle": handle, "posts": selectors.posts_by(request.user, author)[:50],
         "is_me": author.pk == request.user.pk},
    )  # fmt: skip


def _post_page(
    request: HttpRequest,
    handle: str,
    slug: str,
    form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    post = post_for(request.user, handle, slug)
    return render(
        request, "blogs/post.html",
        {"post": post, "handle": handle, "form": form or CommentForm(),
         "reactions": [(k, k.label, REACTION_NAMES[k]) for k in ReactionKind],
         **selectors.post_detail(post, request.user)},
        status=status,
    )  # fmt: skip


def post(request: HttpRequest, handle: str, slug: str) -> HttpResponse:
    return _post_page(request, handle, slug)


@login_required
@require_POST
def comment(request: HttpRequest, handle: str, slug: str) -> HttpResponse:
    target = post_for(request.user, handle, slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            made = services.comment_add(
                actor=request.user, post=target, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{services.post_url(target)}#c-{made.pk}")
    return _post_page(request, handle, slug, form, status=400)


@login_required
@require_POST
def comment_remove(request: HttpRequest, handle: str, slug: str, comment_id: int) -> HttpResponse:
    target = post_for(request.user, handle, slug)
    found = object_or_404(target.comments.filter(removed_at__isnull=True), pk=comment_id)
    found.post = target
    try:
        services.comment_remove(actor=request.user, comment=found)
    except ValidationError:
        raise deny() from None
    messages.success(request, _("The comment was removed."))
    return redirect(services.post_url(target))


@login_required
@require_POST
def react(request: HttpRequest, handle: str, slug: str) -> HttpResponse:
    target = post_for(request.user, handle, slug)
    try:
        services.reaction_toggle(actor=request.user, post=target, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{services.post_url(target)}#reactions")


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """The posts shared with a space (or, on the community's page, with the community)."""
    return render_to_string(
        "blogs/_space_panel.html", {"posts": selectors.recent_posts(request.user, space=space, limit=10)},
        request=request,
    )  # fmt: skip
