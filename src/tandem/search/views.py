"""The search page: one box, filters by kind, space and time, ranked hits
each of which the person may read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tandem.community.access import readable_spaces

from . import selectors
from .forms import SearchForm


@login_required
def search(request: HttpRequest) -> HttpResponse:
    spaces = list(readable_spaces(request.user).order_by("parent_id", "name")[:200])
    form = SearchForm(request.GET or None, spaces=spaces)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        raw_page = request.GET.get("page", "1")
        results = selectors.search(
            request.user, form.cleaned_data["q"], kind=form.cleaned_data["kind"],
            space_id=form.cleaned_data["space"], when=form.cleaned_data["when"],
            page=int(raw_page) if raw_page.isdigit() and len(raw_page) < 6 else 1,
        )  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "search/search.html",
        {"form": form, "results": results, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )  # fmt: skip
