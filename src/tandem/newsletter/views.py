"""Thin views over the newsletter. Communities come through
:func:`access.community_for`, issues through :func:`access.issue_for`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tandem.community.models import Space

from . import selectors, services, tokens
from .access import community_for, issue_for, run_community_for, run_issue_for
from .forms import IssueForm
from .models import IssueState


def _errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _recent_months(count: int = 12) -> list[tuple[str, str]]:
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        first = date(year, month, 1)
        months.append((first.strftime("%Y-%m"), formats.date_format(first, "F Y")))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


@login_required
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    community = community_for(request.user, pk)
    runs = community.runs  # type: ignore[attr-defined]
    return render(
        request, "newsletter/archive.html",
        {"community": community, "runs": runs,
         "issues": selectors.archive(community, runs=runs),
         "subscribed": selectors.is_subscribed(request.user, community),
         "months": _recent_months() if runs else [],
         "subscriber_count": selectors.recipients(community).count() if runs else None},
    )  # fmt: skip


@login_required
@require_POST
def subscription(request: HttpRequest, pk: int) -> HttpResponse:
    community = community_for(request.user, pk)
    subscribed = request.POST.get("subscribe") == "1"
    services.subscription_set(user=request.user, community=community, subscribed=subscribed)
    messages.success(
        request,
        _("You will receive the newsletter by e-mail each month.")
        if subscribed else _("You will no longer receive the newsletter."),
    )  # fmt: skip
    back = request.POST.get("back")
    return redirect("community:space" if back == "space" else "newsletter:archive", community.pk)


@login_required
@require_POST
def issue_new(request: HttpRequest, pk: int) -> HttpResponse:
    community = run_community_for(request.user, pk)
    try:
        month = services.parse_month(request.POST.get("month", ""))
    except ValidationError as error:
        _errors(request, error)
        return redirect("newsletter:archive", community.pk)
    issue = services.issue_draft(actor=request.user, community=community, month=month)
    messages.success(
        request, _("Here is a draft from the month's highlights. Edit it, then preview it.")
    )
    return redirect("newsletter:edit", issue.pk)


@login_required
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request.user, pk)
    runs = issue.runs  # type: ignore[attr-defined]
    context = {"issue": issue, "community": issue.community, "runs": runs}
    if runs and issue.state == IssueState.DRAFT:
        context["recipient_count"] = selectors.recipients(issue.community).count()
    if runs and issue.state != IssueState.DRAFT:
        context["progress"] = selectors.progress(issue)
    return render(request, "newsletter/issue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = run_issue_for(request.user, pk)
    if issue.state != IssueState.DRAFT:
        messages.info(request, _("This issue has been sent; it can no longer change."))
        return redirect("newsletter:issue", issue.pk)
    form = IssueForm(request.POST or None, initial={"subject": issue.subject, "body": issue.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_save(
                actor=request.user, issue=issue, subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. This is how members will read it."))
            return redirect("newsletter:issue", issue.pk)
    return render(
        request, "newsletter/edit.html",
        {"issue": issue, "community": issue.community, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_POST
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    issue = run_issue_for(request.user, pk)
    try:
        sent = services.issue_send(actor=request.user, issue=issue)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("Sending to %(n)d members. You can follow its progress here.")
            % {"n": sent.recipient_count},
        )
    return redirect("newsletter:issue", issue.pk)


@login_required
@require_POST
def issue_discard(request: HttpRequest, pk: int) -> HttpResponse:
    issue = run_issue_for(request.user, pk)
    try:
        services.issue_discard(actor=request.user, issue=issue)
    except ValidationError as error:
        _errors(request, error)
        return redirect("newsletter:issue", issue.pk)
    messages.success(request, _("The draft is discarded."))
    return redirect("newsletter:archive", issue.community_id)


@csrf_exempt  # the signed token is the credential; mail clients POST it (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if tokens.read(token) is None:
        return render(request, "newsletter/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        done = services.unsubscribe(token=token)
        if done is None:
            return render(request, "newsletter/unsubscribe.html", {"invalid": True}, status=404)
        return render(request, "newsletter/unsubscribe.html", {"done": True, "community": done[1]})
    return render(request, "newsletter/unsubscribe.html", {"token": token})


def space_panel(request: HttpRequest, space: Space) -> str:
    """On the community's front page: the latest issue and the reader's choice."""
    if not space.is_community:
        return ""
    return render_to_string(
        "newsletter/_panel.html",
        {"community": space, "latest": selectors.latest(space),
         "subscribed": selectors.is_subscribed(request.user, space)},
        request=request,
    )  # fmt: skip
