"""The main journeys in a real browser, on a desktop and on a 390 px phone.
Every page visited is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from .conftest import (
    DESKTOP,
    PHONE,
    assert_light_page,
    assert_no_axe_violations,
    assert_no_console_errors,
    follow,
    open_menu,
    sign_in,
    totp_code,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def checked(page: Page) -> None:
    assert_no_axe_violations(page)
    assert_no_console_errors(page)
    assert_light_page(page)


def sign_out(page: Page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()


@VIEWPORTS
def test_sign_up_verify_edit_profile_sign_out(
    new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentoring")
    checked(page)
    follow(page, page.get_by_role("link", name="Create an account").first)
    checked(page)
    page.get_by_label("Email").fill("aroha.ngata@school.test")
    page.get_by_label("Your name as others will see it").fill("Aroha Ngata")
    page.get_by_label("Your time zone").select_option("Pacific/Chatham")
    page.get_by_label(re.compile(r"^Password:?$")).fill("kowhai-tree-42-river")
    page.get_by_label("Password (again)").fill("kowhai-tree-42-river")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    checked(page)

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert link is not None, mail.outbox[-1].body
    page.goto(link.group(0))
    checked(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Aroha Ngata")
    expect(page.get_by_text("You are not in a programme yet")).to_be_visible()
    checked(page)

    page.goto("/me/profile/")
    checked(page)
    page.get_by_label("Position").fill("Teacher of Te reo Māori")
    page.get_by_label("Subjects or disciplines").fill("Te reo Māori, Social studies")
    page.get_by_label("Short bio").fill("I teach online from **Wharekauri**.")
    page.get_by_label("Anyone signed in or on the web").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    checked(page)
    page.get_by_role("link", name="See it as others do").click()
    expect(page.locator("strong", has_text="Wharekauri")).to_be_visible()
    expect(page.get_by_text("(Pacific/Chatham)")).to_be_visible()
    checked(page)

    sign_out(page)
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    page.goto("/me/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    checked(page)


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", quiet=True)


HOMES = {
    "mentee": ["Connected Classrooms Virtual Mentoring 2026", "Mentee", "Who runs it"],
    "mentor": ["Mentor", "Mentor Coaching Circle", "Coachee"],
    "facilitator": ["Community facilitator", "People in the programme", "See all members"],
    "researcher": ["Researcher", "People in the programme"],
    "supervisor": ["Supervisor", "Coach"],
    "outsider": ["You are not in a programme yet"],
}


@VIEWPORTS
@pytest.mark.parametrize("persona", sorted(HOMES))
def test_demo_people_see_their_own_home(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int], persona: str
) -> None:
    page = new_page(viewport)
    sign_in(page, f"{persona}@demo.test", "tandem-demo")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    for text in HOMES[persona]:
        expect(page.get_by_text(text, exact=True).first).to_be_visible() if len(
            text
        ) < 25 else expect(page.get_by_text(text).first).to_be_visible()
    checked(page)
    if persona == "mentee":
        page.get_by_role(
            "link", name="Connected Classrooms Virtual Mentoring 2026", exact=True
        ).click()
        expect(page.get_by_role("heading", name="Years 1–2:", exact=False)).to_have_count(0)
        expect(page.get_by_text("developing mentor").first).to_be_visible()
        checked(page)
        page.get_by_role("link", name="Ruth Paewai").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ruth Paewai")
        checked(page)
        page.goto("/me/privacy/")
        checked(page)
    if persona == "facilitator":
        page.get_by_role("link", name="See all members").first.click()
        expect(page.get_by_role("cell", name="Kiri Walker")).to_be_visible()
        page.get_by_label("Role").select_option("mentor")
        expect(page.get_by_role("cell", name="Kiri Walker")).to_have_count(0)
        expect(page.get_by_role("cell", name="Hyun-woo Park")).to_be_visible()
        expect(page).to_have_url(re.compile(r"role=mentor"))
        checked(page)


@VIEWPORTS
def test_lead_must_enrol_in_two_factor_then_runs_the_programme(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    sign_in(page, "lead@demo.test", "tandem-demo")
    # Leads cannot go anywhere before enrolling; allauth first asks for the
    # password once more, as it does before any change to sign-in security.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    checked(page)
    page.get_by_label(re.compile(r"^Password:?$")).fill("tandem-demo")
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    checked(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Ruth Paewai")
    checked(page)

    page.get_by_role("link", name="Programme history").first.click()
    expect(page.get_by_text("accepted version 1 of the agreement").first).to_be_visible()
    checked(page)
    page.goto("/programmes/connected-classrooms-2026/members/")
    follow(page, page.get_by_role("link", name=re.compile("Change roles of Kiri Walker")))
    checked(page)
    page.get_by_label("Developing mentor").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.get_by_text("Roles saved for Kiri Walker.")).to_be_visible()
    checked(page)
    page.goto("/programmes/connected-classrooms-2026/history/")
    expect(
        page.get_by_text("changed the roles of Kiri Walker to: Developing mentor, Mentee")
    ).to_be_visible()
    # The programme model: adjust the caseload, see the field-level error, then save.
    page.goto("/programmes/connected-classrooms-2026/model/")
    checked(page)
    page.get_by_label("Smallest mentor caseload").fill("9")
    page.get_by_role("button", name="Save the model").click()
    expect(page.get_by_text("capacity.max: should be at least capacity.min (9)")).to_be_visible()
    checked(page)
    page.get_by_label("Smallest mentor caseload").fill("2")
    page.get_by_role("button", name="Save the model").click()
    expect(page.get_by_text("The programme model is saved.")).to_be_visible()
