from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core import dashboard
from tandem.core.audit import entries_for_scope
from tandem.core.http import HtmxHttpRequest

from . import programme_models, selectors, services
from .access import membership_in, programme_view
from .forms import (
    MemberFilterForm,
    MembershipRolesForm,
    PresetChoiceForm,
    ProgrammeModelForm,
    ProgrammeModelImportForm,
)
from .models import STAFF_ROLES, Programme, Role


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "programmes/landing.html")
    return render(
        request,
        "programmes/home.html",
        {"cards": selectors.home_cards(request.user), "panels": dashboard.panels_for(request.user)},
    )


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


def _model_page(
    request: HttpRequest,
    programme: Programme,
    *,
    form: ProgrammeModelForm | None = None,
    import_form: ProgrammeModelImportForm | None = None,
    preset_form: PresetChoiceForm | None = None,
) -> HttpResponse:
    model = programme.programme_model
    if form is None and model:
        form = ProgrammeModelForm(model=model)
    forms_used = [f for f in (form, import_form, preset_form) if f is not None and f.is_bound]
    return render(
        request,
        "programmes/model.html",
        {
            "programme": programme,
            "model": model,
            "form": form,
            "import_form": import_form or ProgrammeModelImportForm(),
            "preset_form": preset_form
            or PresetChoiceForm(initial={"preset": programme.preset_key}),
            "presets": programme_models.presets(),
        },
        status=400 if any(f.errors for f in forms_used) else 200,
    )


@programme_view(Role.PROGRAMME_LEAD)
@require_http_methods(["GET", "POST"])
def programme_model_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    if request.method == "POST" and programme.programme_model:
        form = ProgrammeModelForm(request.POST, model=programme.programme_model)
        if form.is_valid():
            services.programme_model_set(
                actor=request.user, programme=programme,
                model=form.cleaned_data["model"], source="adjusted",
            )  # fmt: skip
            messages.success(request, _("The programme model is saved."))
            return redirect("programmes:model", slug=programme.slug)
        return _model_page(request, programme, form=form)
    return _model_page(request, programme)


@programme_view(Role.PROGRAMME_LEAD)
def programme_model_export(request: HttpRequest, programme: Programme) -> HttpResponse:
    if not programme.programme_model:
        raise Http404
    response = HttpResponse(
        programme_models.dumps(programme.programme_model),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-model.json"'
    return response


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def programme_model_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeModelImportForm(request.POST, request.FILES)
    if form.is_valid():
        services.programme_model_set(
            actor=request.user, programme=programme,
            model=form.cleaned_data["file"], source="imported",
        )  # fmt: skip
        messages.success(request, _("The programme model was imported."))
        return redirect("programmes:model", slug=programme.slug)
    return _model_page(request, programme, import_form=form)


@programme_view(Role.PROGRAMME_LEAD)
@require_POST
def programme_model_preset(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PresetChoiceForm(request.POST)
    if form.is_valid():
        services.programme_model_set(
            actor=request.user, programme=programme,
            model=programme_models.preset(form.cleaned_data["preset"]), source="preset",
        )  # fmt: skip
        messages.success(request, _("The programme now follows the preset; adjust it below."))
        return redirect("programmes:model", slug=programme.slug)
    return _model_page(request, programme, preset_form=form)
