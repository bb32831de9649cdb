"""Thin views over spaces: the community home, a space's front page, joining
and leaving, and what moderators do with members."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core import panels
from tandem.core.access import deny
from tandem.core.tables import table_response

from . import selectors, services
from .access import moderated_space_for, row_in, runs_community, space_for
from .figures import figures_for as community_figures
from .forms import FiguresForm, InviteForm, SpaceForm
from .models import Space, SpaceKind


def space_view(*, moderator: bool = False) -> Callable[..., Callable[..., HttpResponse]]:
    """The view receives the space (404 for anyone who may not open it)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            door = moderated_space_for if moderator else space_for
            return view(request, door(request.user, pk), *args, **kwargs)

        return wrapper

    return decorator


def _errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def community_home(request: HttpRequest) -> HttpResponse:
    communities = list(selectors.communities_for(request.user))
    if len(communities) == 1:
        return redirect("community:space", communities[0].pk)
    return render(request, "community/home.html", {"communities": communities})


@space_view()
def space(request: HttpRequest, space: Space) -> HttpResponse:
    community = space.parent or space
    return render(
        request, "community/space.html",
        {"space": space, "community": community,
         "groups": selectors.groups_in(space, request.user) if space.is_community else [],
         "member_count": selectors.active_count(space),
         "moderators": selectors.moderators_of(space),
         "can_create": space.is_community and runs_community(request.user, space.programme_id),
         "panels": panels.render("space", request, space=space) if space.can_read else ""},  # type: ignore[attr-defined]
    )  # fmt: skip


@space_view()
@require_POST
def space_join(request: HttpRequest, space: Space) -> HttpResponse:
    try:
        row = services.space_join(actor=request.user, space=space)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("You asked to join. A moderator will look at your request.")
            if row.status == "requested" else _("Welcome to %(space)s.") % {"space": space.name},
        )  # fmt: skip
    return redirect("community:space", space.pk)


@space_view()
@require_POST
def space_leave(request: HttpRequest, space: Space) -> HttpResponse:
    services.space_leave(actor=request.user, space=space)
    messages.success(request, _("You are no longer in %(space)s.") % {"space": space.name})
    if space.kind == SpaceKind.RESTRICTED:
        return redirect("community:home")
    return redirect("community:space", space.pk)


@space_view()
@require_http_methods(["GET", "POST"])
def space_new(request: HttpRequest, space: Space) -> HttpResponse:
    if not space.is_community or not runs_community(request.user, space.programme_id):
        raise deny()
    form = SpaceForm(request.POST or None, initial={"kind": SpaceKind.MEMBERS})
    if request.method == "POST" and form.is_valid():
        try:
            group = services.space_create(actor=request.user, community=space, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The space is ready. Invite people to it."))
            return redirect("community:members", group.pk)
    return render(
        request, "community/space_form.html", {"form": form, "community": space, "space": None},
        status=400 if form.errors else 200,
    )  # fmt: skip


@space_view(moderator=True)
@require_http_methods(["GET", "POST"])
def space_edit(request: HttpRequest, space: Space) -> HttpResponse:
    form = SpaceForm(request.POST or None, instance=Space.objects.get(pk=space.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.space_update(actor=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("community:space", space.pk)
    return render(
        request, "community/space_form.html",
        {"form": form, "community": space.parent or space, "space": space},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _members_page(
    request: HttpRequest, space: Space, form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    if not space.can_read:  # type: ignore[attr-defined]
        raise deny()
    return render(
        request, "community/members.html",
        {"space": space, "rows": selectors.rows_by_status(space),
         "member_count": selectors.active_count(space),
         "invite_form": (form or InviteForm()) if space.is_moderator else None},  # type: ignore[attr-defined]
        status=status,
    )  # fmt: skip


@space_view()
def members(request: HttpRequest, space: Space) -> HttpResponse:
    return _members_page(request, space)


@space_view(moderator=True)
@require_POST
def member_invite(request: HttpRequest, space: Space) -> HttpResponse:
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.member_invite(actor=request.user, space=space, user=form.cleaned_data["who"])
        except ValidationError as error:
            form.add_error("who", error)
        else:
            messages.success(request, _("Invited %(name)s.") % {"name": form.cleaned_data["who"]})
            return redirect("community:members", space.pk)
    return _members_page(request, space, form, status=400)


ACTIONS = {"approve", "decline", "remove", "ban", "unban", "moderator", "member"}


@space_view(moderator=True)
@require_POST
def member_action(request: HttpRequest, space: Space, row_id: int) -> HttpResponse:
    row = row_in(space, row_id)
    action = request.POST.get("action", "")
    try:
        if action == "approve":
            services.member_approve(actor=request.user, space=space, row=row)
        elif action in ("decline", "remove", "ban"):
            services.member_remove(actor=request.user, space=space, row=row, ban=action == "ban")
        elif action == "unban":
            services.member_unban(actor=request.user, space=space, row=row)
        elif action in ("moderator", "member"):
            services.member_set_role(actor=request.user, space=space, row=row, role=action)
        else:
            raise ValidationError(_("Choose what to do."))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("community:members", space.pk)


def _figures_table(figures: Any) -> tuple[list[str], list[list[object]]]:
    header = [str(_("Period")), str(_("Members at the end")), str(_("Joined"))]
    for m in figures.measures:
        header += [str(m.label), str(_("by mentors and facilitators")), str(_("by participants"))]
    rows: list[list[object]] = []
    for r in figures.rows:
        row: list[object] = [r.label, r.members, r.joined]
        for m in figures.measures:
            c = r.counts[m.key]
            row += [c.total, c.guides, c.others]
        rows.append(row)
    total: list[object] = [str(_("Total")), "", sum(r.joined for r in figures.rows)]
    for m in figures.measures:
        c = figures.totals[m.key]
        total += [c.total, c.guides, c.others]
    return header, [*rows, total]


@space_view()
def figures(request: HttpRequest, space: Space) -> HttpResponse:
    """Members and contributions over time, for the community's facilitators and leads."""
    if not space.is_community or not runs_community(request.user, space.programme_id):
        raise deny()
    today = timezone.localdate()
    start = date(today.year - (today.month < 12), today.month % 12 + 1, 1)
    defaults = {"first": f"{start:%Y-%m}", "last": f"{today:%Y-%m}", "period": "month"}
    form = FiguresForm({**defaults, **request.GET.dict()} if request.GET else defaults)
    found = None
    if form.is_valid():
        data = form.cleaned_data
        found = community_figures(
            space, first=data["first"], last=data["last"], period=data["period"],
            zone=timezone.get_current_timezone_name(),
        )  # fmt: skip
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            header, rows = _figures_table(found)
            return table_response(
                header=header, rows=rows, fmt=fmt, sheet_title="Community figures",
                filename=f"community-{space.programme.slug}-{data['first']:%Y%m}-{data['last']:%Y%m}",
            )  # fmt: skip
    return render(
        request, "community/figures.html",
        {"space": space, "form": form, "figures": found, "query": request.GET.urlencode()},
        status=200 if form.is_valid() else 400,
    )  # fmt: skip
