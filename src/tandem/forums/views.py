"""Thin views over discussions. Every topic comes through
:func:`access.topic_for`; every post through :func:`access.post_in`."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.community.access import readable_space_for
from tandem.community.handles import handle_for
from tandem.core.access import deny, object_or_404
from tandem.moderation.registry import flaggable
from tandem.moderation.services import content_set_shown

from . import selectors, services
from .access import moderated_topic, post_in, topic_for
from .forms import EditForm, PinForm, ReplyForm, TopicForm, WatchForm
from .models import State, Topic, WatchLevel

SHOWS = {"latest", "unanswered", "watching"}


def _errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _say_if_pending(request: HttpRequest, state: str) -> None:
    if state == State.PENDING:
        messages.info(
            request, _("Thank you. A moderator approves a first post here before others see it.")
        )


@login_required
def topic_list(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    show = request.GET.get("show", "latest")
    show = show if show in SHOWS else "latest"
    topics = selectors.topics_in(request.user, space, show=show)
    page = Paginator(topics, selectors.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    selectors.annotate_unread(list(page.object_list))
    return render(
        request, "forums/topic_list.html",
        {"space": space, "page": page, "show": show,
         "watch_level": selectors.space_watch_level(request.user, space),
         "watch_levels": WatchLevel.choices},
    )  # fmt: skip


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """The latest discussions on a space's front page."""
    topics = selectors.annotate_unread(list(selectors.topics_in(request.user, space)[:8]))
    return render_to_string(
        "forums/_space_panel.html", {"topics": topics, "space": space}, request=request
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_new(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_start(actor=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _say_if_pending(request, topic.state)
            return redirect(services.topic_url(topic))
    return render(
        request, "forums/topic_new.html", {"space": space, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _quote(post: Any) -> str:
    who = f"@{handle_for(post.author)}" if post.author else _("A former member")
    lines = "\n".join(f"> {line}" for line in post.body.splitlines())
    return f"> {who} " + _("wrote:") + f"\n>\n{lines}\n\n"


def _topic_page(
    request: HttpRequest, topic: Topic, form: ReplyForm | None = None, status: int = 200
) -> HttpResponse:
    data = selectors.topic_page(topic, request.user, request.GET.get("page"))
    replying_to = None
    if form is None:
        initial: dict[str, Any] = {}
        target = selectors.post_numbered(
            topic, request.GET.get("reply_to") or request.GET.get("quote")
        )
        if target is not None and target.state == State.VISIBLE:
            replying_to = target
            initial["parent"] = replying_to.number
            if request.GET.get("quote"):
                initial["body"] = _quote(replying_to)
        form = ReplyForm(initial=initial)
    else:
        replying_to = selectors.post_numbered(topic, form.data.get("parent"))
    if data.highest_shown > data.last_read:
        services.read_mark(user=request.user, topic=topic, number=data.highest_shown)
    return render(
        request, "forums/topic.html",
        {"topic": topic, "space": topic.space, "data": data, "form": form,
         "replying_to": replying_to, "watch_levels": WatchLevel.choices,
         "pin_form": PinForm(initial={"scope": topic.pin_scope}) if topic.can_moderate else None,  # type: ignore[attr-defined]
         "move_targets": selectors.move_targets(request.user, topic) if topic.can_moderate else [],  # type: ignore[attr-defined]
         "flag_key": services.FLAG_KEY},
        status=status,
    )  # fmt: skip


@login_required
def topic(request: HttpRequest, pk: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    if "unread" in request.GET:
        number = selectors.first_unread(found, request.user)
        return redirect("forums:post", found.pk, number)
    return _topic_page(request, found)


@login_required
def post_link(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A post's permanent address: the page of the topic that shows it."""
    found = topic_for(request.user, pk)
    page = selectors.page_of_post(found, request.user, number)
    suffix = f"?page={page}" if page > 1 else ""
    return redirect(f"{services.topic_url(found)}{suffix}#p-{number}")


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        parent = selectors.post_numbered(found, form.cleaned_data["parent"])
        try:
            post = services.reply_add(
                actor=request.user, topic=found, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _say_if_pending(request, post.state)
            return redirect("forums:post", found.pk, post.number)
    return _topic_page(request, found, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    post = post_in(found, request.user, post_id)
    if post.author_id != request.user.pk and not found.can_moderate:  # type: ignore[attr-defined]
        raise deny()
    opening = post.number == 1
    form = EditForm(
        request.POST or None, opening=opening,
        initial={"body": post.body, "title": found.title},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                actor=request.user, post=post, body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title") if opening else None,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. The earlier version stays in the edit history."))
            return redirect("forums:post", found.pk, post.number)
    return render(
        request, "forums/post_edit.html", {"topic": found, "post": post, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def post_history(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    post = post_in(found, request.user, post_id)
    return render(
        request, "forums/history.html",
        {"topic": found, "post": post, "revisions": selectors.history_of(post)},
    )  # fmt: skip


@login_required
@require_POST
def post_delete(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    post = post_in(found, request.user, post_id)
    try:
        gone = services.post_delete(actor=request.user, post=post)
    except ValidationError:
        raise deny() from None
    messages.success(request, _("Deleted."))
    if gone:
        return redirect("forums:list", found.space_id)
    return redirect("forums:post", found.pk, post.number)


@login_required
@require_POST
def post_moderate(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    """Hide or restore one post from the topic page (through moderation)."""
    found = moderated_topic(request.user, pk)
    post = post_in(found, request.user, post_id)
    kind = flaggable(services.FLAG_KEY)
    assert kind is not None
    try:
        content_set_shown(
            actor=request.user, flaggable=kind, target=post,
            shown=request.POST.get("action") == "show", note=request.POST.get("note", "")[:500],
        )  # fmt: skip
    except ValidationError as error:
        _errors(request, error)
    return redirect("forums:post", found.pk, post.number)


def _follow(request: HttpRequest, **what: Any) -> None:
    form = WatchForm(request.POST)
    if form.is_valid():
        services.watch_set(actor=request.user, level=form.cleaned_data["level"], **what)
        messages.success(request, _("Saved how you follow it."))
    else:
        messages.error(request, _("Choose how closely to follow it."))


@login_required
@require_POST
def watch(request: HttpRequest, pk: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    _follow(request, topic=found)
    return redirect(services.topic_url(found))


@login_required
@require_POST
def space_watch(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    _follow(request, space=space)
    return redirect("forums:list", space.pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = topic_for(request.user, pk)
    raw = request.POST.get("post", "")
    post = post_in(found, request.user, raw) if raw else None
    try:
        services.topic_mark_answer(actor=request.user, topic=found, post=post)
    except ValidationError as error:
        _errors(request, error)
    return redirect(services.topic_url(found))


def _day_start(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock, pin or move a topic."""
    found = moderated_topic(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action in ("lock", "unlock"):
            services.topic_lock(actor=request.user, topic=found, locked=action == "lock")
        elif action == "pin":
            form = PinForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose where to pin it and a valid date."))
            until = form.cleaned_data["until"]
            services.topic_pin(
                actor=request.user, topic=found, scope=form.cleaned_data["scope"] or "",
                until=_day_start(until) if until else None,
            )  # fmt: skip
        elif action == "move":
            target = object_or_404(
                selectors.move_targets(request.user, found), pk=request.POST.get("space")
            )
            services.topic_move(actor=request.user, topic=found, space=target)
        else:
            raise ValidationError(_("Choose what to do."))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect(services.topic_url(found))
