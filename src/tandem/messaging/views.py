"""Thin views over the messaging services. Posting is plain HTTP (works with no
JavaScript); open pages also receive new messages over the socket."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from tandem.core.http import HtmxHttpRequest, private_file
from tandem.mentoring.access import relationship_for_user

from . import selectors, services
from .access import attachment_for_user, conversation_for_user, own_message
from .forms import EditForm, GroupForm, MessageForm
from .models import Conversation, ConversationKind


def conversation_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view receives the conversation (present members only; 404 for everyone else)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, conversation_for_user(request.user, pk), *args, **kwargs)

    return wrapper


def _group_form(request: HttpRequest, data: Any = None) -> GroupForm | None:
    programmes = selectors.group_programmes(request.user)
    if not programmes:
        return None
    return GroupForm(
        data, programmes=programmes, auto_id="group_%s",
        reach=lambda programme, text: selectors.person_reached(request.user, programme, text),
    )  # fmt: skip


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return _inbox(request, _group_form(request))


def _inbox(request: HttpRequest, group_form: GroupForm | None, status: int = 200) -> HttpResponse:
    return render(
        request, "messaging/inbox.html",
        {"rows": selectors.conversations_of(request.user), "group_form": group_form,
         "dependencies": selectors.dependency_signals(request.user, timezone.now())},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def group_new(request: HttpRequest) -> HttpResponse:
    form = _group_form(request, request.POST)
    if form is None:
        return _inbox(request, None, status=404)
    if form.is_valid():
        try:
            conversation = services.group_start(
                actor=request.user, programme=form.cleaned_data["programme"],
                title=form.cleaned_data["title"], people=form.cleaned_data["people"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("messaging:conversation", conversation.pk)
    return _inbox(request, form, status=400)


@login_required
def for_relationship(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = relationship_for_user(request.user, pk)
    conversation = services.conversation_for_relationship(relationship=relationship)
    return redirect("messaging:conversation", conversation.pk)


def _page(
    request: HttpRequest, conversation: Conversation, form: MessageForm, status: int = 200
) -> HttpResponse:
    before = request.GET.get("before", "")
    items, more = selectors.messages_page(
        conversation, request.user, before=int(before) if before.isdigit() else None
    )
    if items and not before:
        services.conversation_mark_read(
            actor=request.user, conversation_id=conversation.pk, upto_id=items[-1].id
        )
    members = selectors.members_of(conversation)
    return render(
        request, "messaging/conversation.html",
        {"conversation": conversation, "items": items, "more": more, "form": form,
         "members": members, "can_post": services.can_post(conversation),
         "title": conversation.title or ", ".join(str(m.user) for m in members if m.user_id != request.user.pk),
         "boundaries": selectors.boundaries_for(conversation, request.user, timezone.now()),
         "is_starter": conversation.kind == ConversationKind.GROUP and conversation.started_by_id == request.user.pk},
        status=status,
    )  # fmt: skip


@conversation_view
@require_http_methods(["GET", "POST"])
def conversation(request: HtmxHttpRequest, conversation: Conversation) -> HttpResponse:
    if request.method == "GET":
        return _page(request, conversation, MessageForm(auto_id="msg_%s"))
    form = MessageForm(request.POST, request.FILES, auto_id="msg_%s")
    message = None
    if form.is_valid():
        try:
            message = services.message_post(
                actor=request.user, conversation=conversation, body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
    if request.htmx:
        context: dict[str, Any] = {"conversation": conversation, "can_post": True}
        if message is None:
            context["form"] = form
            return render(request, "messaging/conversation.html#composer", context, status=400)
        context["form"] = MessageForm(auto_id="msg_%s")
        context["new"] = selectors.message_item(message.pk, message.author_id or 0)
        return render(request, "messaging/conversation.html#composer", context)
    if message is None:
        return _page(request, conversation, form, status=400)
    return redirect(reverse("messaging:conversation", args=[conversation.pk]) + f"#m-{message.pk}")


@conversation_view
@require_http_methods(["GET", "POST"])
def message_edit(request: HttpRequest, conversation: Conversation, message_id: int) -> HttpResponse:
    message = own_message(request.user, conversation, message_id)
    form = EditForm(request.POST or None, initial={"body": message.body}, auto_id="edit_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(
                actor=request.user, message=message, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(
                reverse("messaging:conversation", args=[conversation.pk]) + f"#m-{message.pk}"
            )
    return render(
        request, "messaging/edit.html",
        {"conversation": conversation, "message": message, "form": form,
         "open": services.edit_window_open(message)},
        status=400 if form.errors else 200,
    )  # fmt: skip


@conversation_view
@require_POST
def message_delete(
    request: HtmxHttpRequest, conversation: Conversation, message_id: int
) -> HttpResponse:
    message = own_message(request.user, conversation, message_id)
    back = reverse("messaging:conversation", args=[conversation.pk]) + f"#m-{message.pk}"
    try:
        services.message_delete(actor=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        # From the page's own form (htmx): reload it so the message shows.
        return HttpResponseClientRedirect(back) if request.htmx else redirect(back)
    if request.htmx:  # the form swaps its own list item: answer with that item, deleted
        return render(
            request, "messaging/_message.html",
            {"m": selectors.message_item(message.pk, message.author_id or 0),
             "conversation_id": conversation.pk},
        )  # fmt: skip
    messages.success(request, _("The message was deleted."))
    return redirect(back)


@conversation_view
@require_POST
def members(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    """Add (by name or e-mail) or remove someone — the starter of a group — or leave."""
    action = request.POST.get("action", "")
    try:
        if action == "leave":
            services.group_member_remove(
                actor=request.user, conversation=conversation, user=request.user
            )
            messages.success(request, _("You left the conversation."))
            return redirect("messaging:inbox")
        if action == "remove":
            raw = request.POST.get("user", "")
            member = (
                conversation.members.filter(user_id=int(raw) if raw.isdigit() else 0, left_at__isnull=True)
                .select_related("user")
                .first()
            )  # fmt: skip
            if member is None:
                raise ValidationError(_("That person is not in this conversation."))
            services.group_member_remove(
                actor=request.user, conversation=conversation, user=member.user
            )
            messages.success(request, _("%(name)s was removed.") % {"name": member.user})
        elif action == "add":
            text = request.POST.get("person", "").strip()[:254]
            person = selectors.person_reached(request.user, conversation.programme, text)
            services.group_member_add(actor=request.user, conversation=conversation, user=person)
            messages.success(request, _("%(name)s was added.") % {"name": person})
        else:
            raise ValidationError(_("Choose to add, remove or leave."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("messaging:conversation", conversation.pk)


@login_required
def attachment(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    item = attachment_for_user(request.user, attachment_id)
    return private_file(item.file, content_type=item.content_type, filename=item.name,
                        as_attachment=not item.is_image)  # fmt: skip


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("q") or "").replace("\x00", "")[:100]
    return render(
        request, "messaging/search.html",
        {"q": text, "results": selectors.search(request.user, text)},
    )  # fmt: skip
