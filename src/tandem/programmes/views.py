from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.audit import entries_for_scope
from tandem.core.http import HtmxHttpRequest

from . import selectors, services
from .access import membership_in, programme_view
from .forms import MemberFilterForm, MembershipRolesForm
from .models import STAFF_ROLES, Programme, Role


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "programmes/landing.html")
    return render(request, "programmes/home.html", {"cards": selectors.home_cards(request.user)})


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programmes/list.html", {"memberships": selectors.memberships_of(request.user)}
    )


@programme_view()
def programme_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    roles = selectors.roles_in(request.user, programme)
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "my_roles": [Role(r).label for r in sorted(roles)],
            "is_staff": bool(STAFF_ROLES & roles),
            "is_lead": Role.PROGRAMME_LEAD in roles,
            "leads": selectors.people_with_role(programme, [Role.PROGRAMME_LEAD]),
            "facilitators": selectors.people_with_role(programme, [Role.FACILITATOR]),
        },
    )


@programme_view(*STAFF_ROLES)
def programme_members(request: HtmxHttpRequest, programme: Programme) -> HttpResponse:
    form = MemberFilterForm(request.GET or None)
    role = form.cleaned_data["role"] if form.is_valid() else None
    page = Paginator(selectors.members_of(programme, role=role), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "is_lead": Role.PROGRAMME_LEAD in selectors.roles_in(request.user, programme),
        "counts": selectors.role_counts(programme),
    }
    template = "programmes/members.html#member-rows" if request.htmx else "programmes/members.html"
    return render(request, template, context)


@programme_view(Role.PROGRAMME_LEAD)
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, programme: Programme, membership_id: int) -> HttpResponse:
    membership = membership_in(programme, membership_id)
    if request.method == "POST":
        form = MembershipRolesForm(request.POST)
        if form.is_valid():
            try:
                services.membership_set_roles(
                    actor=request.user, membership=membership, roles=form.cleaned_data["roles"]
                )
            except ValidationError as error:
                form.add_error("roles", error)
            else:
                messages.success(
                    request, _("Roles saved for %(name)s.") % {"name": membership.user}
                )
                return redirect("programmes:members", slug=programme.slug)
    else:
        form = MembershipRolesForm(initial={"roles": membership.role_values})
    status = 400 if form.errors else 200
    return render(
        request,
        "programmes/membership_edit.html",
        {"programme": programme, "membership": membership, "form": form},
        status=status,
    )


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def membership_end(request: HttpRequest, programme: Programme, membership_id: int) -> HttpResponse:
    membership = membership_in(programme, membership_id)
    try:
        services.membership_end(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            "programmes:membership_edit", slug=programme.slug, membership_id=membership.pk
        )
    messages.success(
        request, _("%(name)s is no longer in this programme.") % {"name": membership.user}
    )
    return redirect("programmes:members", slug=programme.slug)


@programme_view(Role.PROGRAMME_LEAD)
def programme_history(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = Paginator(entries_for_scope(programme), 50).get_page(request.GET.get("page"))
    return render(request, "programmes/history.html", {"programme": programme, "page": page})
