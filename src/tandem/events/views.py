"""Thin views over events. Every event comes through :func:`access.event_for`
(readers of its space) or :func:`access.hosted_event` (its hosts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling, trigger_client_event

from tandem.community.access import readable_space_for
from tandem.core.access import deny
from tandem.core.tables import table_response

from . import selectors, services
from .access import event_for, hosted_event, line_in
from .forms import CancelForm, ChatForm, EventForm, RecordingForm
from .models import Event


def _when(request: HttpRequest) -> str:
    return "past" if request.GET.get("when") == "past" else "upcoming"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    when, mine = _when(request), request.GET.get("mine") == "1"
    found = selectors.events_for(request.user, when=when, mine=mine)
    page = Paginator(found, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/home.html", {"page": page, "when": when, "mine": mine})


@login_required
def space_events(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    when = _when(request)
    found = selectors.events_for(request.user, space=space, when=when)
    page = Paginator(found, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/space.html", {"space": space, "page": page, "when": when})


def space_panel(request: HttpRequest, *, space: Any, **context: Any) -> str:
    """The next events on a space's front page."""
    return render_to_string(
        "events/_space_panel.html",
        {"space": space, "events": selectors.panel(request.user, space)},
        request=request,
    )


def _form_page(
    request: HttpRequest, form: EventForm, space: Any, event: Event | None
) -> HttpResponse:
    return render(
        request, "events/event_form.html", {"space": space, "form": form, "event": event},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, pk: int) -> HttpResponse:
    space = readable_space_for(request.user, pk)
    if not space.is_moderator:  # type: ignore[attr-defined]
        raise deny()
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event is on the calendar."))
            return redirect(services.event_url(event))
    return _form_page(request, form, space, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = hosted_event(request.user, pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Saved. Registrants were told of any change of time or place.")
            )
            return redirect(services.event_url(event))
    return _form_page(request, form, event.space, event)


def _page_context(event: Event) -> dict[str, Any]:
    context: dict[str, Any] = {
        "event": event, "space": event.space, "join_state": services.join_state(event),
        **event.registrations.aggregate(
            registered=Count("pk"), came=Count("pk", filter=Q(attended=True))
        ),
        "recording_form": RecordingForm(initial={"recording_url": event.recording_url}),
    }  # fmt: skip
    context["show_recording"] = bool(event.recording_url) or (
        event.can_host  # type: ignore[attr-defined]
        and not event.is_cancelled
        and context["join_state"] != "early"
    )
    if event.is_chat:
        lines = selectors.chat_lines(event, limit=None)
        context.update(
            lines=lines, after=lines[-1].pk if lines else 0, chat_state=services.chat_state(event),
            chat_form=ChatForm(),
        )  # fmt: skip
    return context


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    return render(request, "events/event.html", _page_context(found))


def _back(event: Event, anchor: str = "") -> HttpResponse:
    return redirect(services.event_url(event) + anchor)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = hosted_event(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                actor=request.user, event=found, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cancelled. Everyone registered has been told."))
            return _back(found)
    return render(
        request, "events/cancel.html", {"event": found, "space": found.space, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _act(request: HttpRequest, event: Event, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(event)


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    return _act(
        request, found, lambda: services.event_register(actor=request.user, event=found),
        _("You are registered. A calendar invitation is on its way by e-mail."),
    )  # fmt: skip


@login_required
@require_POST
def event_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    return _act(
        request, found, lambda: services.event_unregister(actor=request.user, event=found),
        _("Your place is given up."),
    )  # fmt: skip


@login_required
@require_POST
def event_join(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    try:
        url = services.event_join(actor=request.user, event=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(found)
    return redirect(url)


@login_required
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    response = HttpResponse(services.event_ics(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{found.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    found = hosted_event(request.user, pk)
    rows = list(selectors.registrants(found))
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("attended") if v.isdigit() and len(v) < 12}
        try:
            count = services.attendance_save(actor=request.user, event=found, attended_ids=chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Register saved: %(n)d came.") % {"n": count})
        return redirect("events:attendance", found.pk)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        zone = timezone.get_current_timezone()
        return table_response(
            header=[_("Name"), _("Registered"), _("Joined"), _("Came")],
            rows=[[str(r.user), timezone.localtime(r.registered_at, zone).strftime("%Y-%m-%d %H:%M"),
                   timezone.localtime(r.joined_at, zone).strftime("%Y-%m-%d %H:%M") if r.joined_at else "",
                   _("yes") if r.attended else _("no")] for r in rows],
            filename=f"attendance-event-{found.pk}", fmt=fmt, sheet_title=_("Attendance"),
        )  # fmt: skip
    return render(
        request, "events/attendance.html",
        {"event": found, "space": found.space, "rows": rows,
         "came": sum(1 for r in rows if r.attended), "started": timezone.now() >= found.starts_at},
    )  # fmt: skip


@login_required
@require_POST
def recording(request: HttpRequest, pk: int) -> HttpResponse:
    found = hosted_event(request.user, pk)
    form = RecordingForm(request.POST)
    if form.is_valid():
        try:
            services.recording_set(
                actor=request.user, event=found, recording_url=form.cleaned_data["recording_url"]
            )
        except ValidationError as error:
            form.add_error("recording_url", error)
        else:
            messages.success(request, _("Recording saved."))
            return _back(found, "#recording")
    context = _page_context(found)
    context["recording_form"] = form
    context["show_recording"] = True
    return render(request, "events/event.html", context, status=400)


def _chat_update(request: HttpRequest, event: Event) -> HttpResponse:
    """New lines after the page's last one, and the chat's state when it changed
    (the form appears when the chat opens and goes when it closes)."""
    raw = request.GET.get("after", "")
    after = int(raw) if raw.isdigit() and len(raw) < 12 else 0
    lines = selectors.chat_lines(event, after=after)
    state = services.chat_state(event)
    context = {
        "event": event, "lines": lines, "chat_state": state, "chat_form": ChatForm(),
        "state_changed": request.GET.get("state") != state,
        "after": lines[-1].pk if lines else after,
    }  # fmt: skip
    response = render(request, "events/_chat_update.html", context)
    if state in ("ended", "cancelled") and not lines and not context["state_changed"]:
        return HttpResponseStopPolling(response.content)  # nothing more will come
    return response


@login_required
@require_http_methods(["GET", "POST"])
def chat(request: HttpRequest, pk: int) -> HttpResponse:
    found = event_for(request.user, pk)
    if not found.is_chat:
        raise deny()
    if request.method == "GET":
        if not request.htmx:  # type: ignore[attr-defined]
            return _back(found, "#chat")
        return _chat_update(request, found)
    form = ChatForm(request.POST)
    if form.is_valid():
        try:
            services.chat_say(
                actor=request.user, event=found, text=form.cleaned_data["text"],
                by_host=found.can_host,  # type: ignore[attr-defined]
            )  # fmt: skip
        except ValidationError as error:
            form.add_error("text", error)
    if not request.htmx:  # type: ignore[attr-defined]
        if not form.errors:
            return _back(found, "#chat")
        context = _page_context(found)
        context["chat_form"] = form  # what they typed stays in the box
        return render(request, "events/event.html", context, status=400)
    shown = form if form.errors else ChatForm()
    shown.fields["text"].widget.attrs["autofocus"] = True  # keep typing
    context = {"event": found, "chat_form": shown, "chat_state": services.chat_state(found)}
    response = render(
        request, "events/_chat_form.html", context, status=400 if form.errors else 200
    )
    return response if form.errors else trigger_client_event(response, "chat-said")


@login_required
@require_POST
def chat_hide(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    found = hosted_event(request.user, pk)
    line = line_in(found, line_id)
    services.chat_hide(actor=request.user, event=found, line=line, hide=line.hidden_at is None)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "events/_chat_line.html", {"line": line, "event": found})
    return _back(found, f"#line-{line.pk}")
