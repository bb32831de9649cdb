"""A relationship's page and its agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.programmes.programme_models import AGREEMENT_SECTIONS

from . import selectors, services
from .access import relationship_for_user
from .forms import AgreementForm


@login_required
def relationship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = relationship_for_user(request.user, pk)
    participants = relationship.participants.select_related("user").order_by("role")
    agreement = selectors.current_agreement(relationship)
    waiting = [
        p.user
        for p in participants
        if agreement and p.user_id not in {a.user_id for a in agreement.acceptances.all()}
    ]
    return render(
        request, "mentoring/relationship.html",
        {"relationship": relationship, "participants": participants, "agreement": agreement,
         "waiting": waiting},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = relationship_for_user(request.user, pk)
    current = selectors.current_agreement(relationship)
    form = AgreementForm(initial=current.sections if current else {})
    if request.method == "POST":
        try:
            if "accept" in request.POST:
                if current is None or str(current.number) != request.POST.get("version"):
                    raise ValidationError(
                        _("The agreement changed while you were reading it; read the new version.")
                    )
                services.agreement_accept(actor=request.user, version=current)
                messages.success(request, _("You accepted version %(n)d.") % {"n": current.number})
                return redirect("mentoring:agreement", pk=relationship.pk)
            form = AgreementForm(request.POST)
            if form.is_valid():
                version = services.agreement_amend(
                    actor=request.user, relationship=relationship,
                    sections=form.sections(), change_note=form.cleaned_data["change_note"],
                )  # fmt: skip
                messages.success(
                    request,
                    _("Version %(n)d is saved. Everyone accepts it again.") % {"n": version.number},
                )
                return redirect("mentoring:agreement", pk=relationship.pk)
        except ValidationError as error:
            if form.is_bound:
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("mentoring:agreement", pk=relationship.pk)
    accepted_ids = {a.user_id for a in current.acceptances.all()} if current else set()
    participants = list(relationship.participants.select_related("user").order_by("role"))
    history = relationship.agreement_versions.select_related("created_by").prefetch_related(
        "acceptances__user"
    )
    return render(
        request, "mentoring/agreement.html",
        {"relationship": relationship, "current": current, "form": form,
         "sections": [(label, (current.sections if current else {}).get(key, "")) for key, label in AGREEMENT_SECTIONS.items()],
         "i_accepted": request.user.pk in accepted_ids,
         "still_to_accept": [p.user for p in participants if p.user_id not in accepted_ids],
         "history": history},
        status=400 if form.errors else 200,
    )  # fmt: skip
