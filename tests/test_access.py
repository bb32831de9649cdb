"""Every view refuses outsiders and anonymous people: 404 or a login redirect,
never another person's data. A new URL without a row here fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.programmes.models import Membership

from .conftest import World

PROJECT_NAMESPACES = {"accounts", "programmes"}
PUBLIC = "public"  # anyone may open it
OWN = "own"  # signed-in people see only their own data; anonymous → login
PROTECTED = "protected"  # someone else's data: outsider → 404, anonymous → login or 404


@dataclass
class Case:
    kind: str
    url: Callable[[World], str]
    method: str = "get"
    allowed: str = "mentee"  # a persona who may use it (proves the URL is real)


def _membership(world: World) -> int:
    return Membership.objects.get(programme=world.programme, user=world.mentee).pk


CASES: dict[str, Case] = {
    "home": Case(PUBLIC, lambda w: reverse("home")),
    "accounts:profile_edit": Case(OWN, lambda w: reverse("accounts:profile_edit")),
    "accounts:privacy": Case(OWN, lambda w: reverse("accounts:privacy")),
    "accounts:data_export": Case(OWN, lambda w: reverse("accounts:data_export"), "post"),
    "accounts:account_delete": Case(OWN, lambda w: reverse("accounts:account_delete"), "post"),
    "accounts:person_detail": Case(
        PROTECTED, lambda w: reverse("accounts:person_detail", args=[w.mentee.pk]), allowed="mentor"
    ),
    "accounts:person_avatar": Case(
        PROTECTED, lambda w: reverse("accounts:person_avatar", args=[w.mentee.pk]), allowed="mentor"
    ),
    "programmes:list": Case(OWN, lambda w: reverse("programmes:list")),
    "programmes:detail": Case(
        PROTECTED, lambda w: reverse("programmes:detail", args=[w.programme.slug])
    ),
    "programmes:members": Case(
        PROTECTED, lambda w: reverse("programmes:members", args=[w.programme.slug]), allowed="lead"
    ),
    "programmes:membership_edit": Case(
        PROTECTED,
        lambda w: reverse("programmes:membership_edit", args=[w.programme.slug, _membership(w)]),
        allowed="lead",
    ),
    "programmes:membership_end": Case(
        PROTECTED,
        lambda w: reverse("programmes:membership_end", args=[w.programme.slug, _membership(w)]),
        "post",
        allowed="lead",
    ),
    "programmes:history": Case(
        PROTECTED, lambda w: reverse("programmes:history", args=[w.programme.slug]), allowed="lead"
    ),
}


def _project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern) and pattern.name and namespace in PROJECT_NAMESPACES
            ):
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names | {"home"}


def test_every_project_view_has_an_access_case() -> None:
    missing = _project_url_names() - set(CASES)
    assert missing == set(), f"views without an access test: {sorted(missing)}"


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_is_sent_to_sign_in_or_refused(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(None), case.method)(case.url(world))
    if case.kind == PUBLIC:
        assert response.status_code == 200
    else:
        assert _is_login_redirect(response) or response.status_code == 404, response.status_code


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.kind == PROTECTED))
def test_outsider_gets_404(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(world.outsider), case.method)(case.url(world))
    assert response.status_code == 404
    assert world.mentee.display_name not in response.content.decode()


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.allowed == "lead"))
def test_a_member_without_the_role_gets_404(world: World, name: str) -> None:
    case = CASES[name]
    response = getattr(world.client(world.other_mentee), case.method)(case.url(world))
    assert response.status_code == 404


# The photo view needs a stored image: tests/accounts/test_profile.py covers it.
@pytest.mark.parametrize(
    "name",
    sorted(n for n, c in CASES.items() if c.method == "get" and n != "accounts:person_avatar"),
)
def test_the_allowed_persona_gets_the_page(world: World, name: str) -> None:
    case = CASES[name]
    response = world.client(getattr(world, case.allowed)).get(case.url(world))
    assert response.status_code == 200


def test_malformed_ids_are_404_not_500(world: World) -> None:
    client = world.client(world.lead)
    for url in [
        "/people/99999999999999999999999/",
        "/programmes/rural-2026/members/0/",
        "/programmes/rural-2026/members/99999999999999999999/",
        "/programmes/no-such-programme/",
        "/programmes/%00/",
    ]:
        assert client.get(url).status_code == 404, url
