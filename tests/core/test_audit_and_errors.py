from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tandem.core.audit import describe, entries_for_scope, log_action
from tandem.programmes import services
from tandem.programmes.models import Membership, Role

from ..conftest import World


def test_log_action_records_a_readable_sentence(world: World) -> None:
    membership = Membership.objects.get(user=world.mentee, programme=world.programme)
    services.membership_set_roles(
        actor=world.lead, membership=membership, roles=[Role.MENTEE, Role.DEVELOPING_MENTOR]
    )
    entry = entries_for_scope(world.programme).first()
    assert entry is not None
    assert entry.actor == world.lead
    assert entry.actor_label == "Ruth Lead"
    assert describe(entry) == "changed the roles of Kiri Mentee to: Developing mentor, Mentee"
    assert entry.data["before"] == "Mentee"


def test_unknown_verbs_still_read(world: World) -> None:
    entry = log_action(None, "something.odd", world.programme, {"x": 1})
    assert entry.actor_label == "System"
    assert describe(entry) == "something.odd Rural Mentoring 2026"


def test_history_page_lists_entries_for_leads(world: World) -> None:
    services.membership_grant(
        actor=world.lead, programme=world.programme, user=world.outsider, roles=[Role.MENTOR]
    )
    response = world.client(world.lead).get(
        reverse("programmes:history", args=[world.programme.slug])
    )
    body = response.content.decode()
    assert "Ruth Lead" in body
    assert "added Tomás Outsider with roles: Mentor" in body


def test_friendly_404_and_security_headers(world: World) -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We can&#x27;t find that page" in body or "We can't find that page" in body
    assert 'id="main"' in body
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"


def test_csrf_failure_page_is_friendly(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@b.test", "password": "x"})
    assert response.status_code == 403
    assert "That form had expired" in response.content.decode()
