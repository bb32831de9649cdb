"""Personas and fixtures shared by every test (see GUIDE.md: owner, member, outsider)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tandem.accounts.models import User
from tandem.programmes.models import Programme, Role

from .factories import ProgrammeFactory, UserFactory, add_member, enrol_totp

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    programme: Programme
    other_programme: Programme
    mentee: User
    mentor: User
    other_mentee: User
    facilitator: User
    lead: User
    lead_totp_secret: str
    researcher: User
    supervisor: User
    outsider: User

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db: Any) -> World:
    programme = ProgrammeFactory(name="Rural Mentoring 2026", slug="rural-2026")
    other_programme = ProgrammeFactory(name="Coaching Circle", slug="coaching-circle")
    people = {
        key: UserFactory(display_name=name, email=f"{key}@example.test")
        for key, name in [
            ("mentee", "Kiri Mentee"),
            ("mentor", "Mere Mentor"),
            ("other_mentee", "Liam Othermentee"),
            ("facilitator", "Sione Facilitator"),
            ("lead", "Ruth Lead"),
            ("researcher", "Imogen Researcher"),
            ("supervisor", "Graham Supervisor"),
            ("outsider", "Tomás Outsider"),
        ]
    }
    add_member(programme, people["mentee"], Role.MENTEE)
    add_member(programme, people["mentor"], Role.MENTOR)
    add_member(programme, people["other_mentee"], Role.MENTEE)
    add_member(programme, people["facilitator"], Role.FACILITATOR)
    add_member(programme, people["lead"], Role.PROGRAMME_LEAD)
    add_member(programme, people["researcher"], Role.RESEARCHER)
    add_member(programme, people["supervisor"], Role.SUPERVISOR)
    # The outsider leads a programme of their own: a lead, but not of this one.
    add_member(other_programme, people["outsider"], Role.PROGRAMME_LEAD)
    enrol_totp(people["outsider"])
    secret = enrol_totp(people["lead"])
    return World(
        programme=programme, other_programme=other_programme, lead_totp_secret=secret, **people
    )


@pytest.fixture
def anonymous() -> Client:
    return Client()
