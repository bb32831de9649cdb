"""An applicant applies (and finds their draft after closing the tab), the committee
accepts, runs matching, reads why, locks a pair, runs again and approves; mentee and
mentor then see each other on their home pages. Every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tandem.accounts.models import User
from tandem.intake.models import Application

from .conftest import DESKTOP, PHONE, follow, sign_in, totp_code
from .test_journeys import checked, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SECRET = "JBSWY3DPEHPK3PXP"
PROGRAMME = "/programmes/connected-classrooms-2026"


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", quiet=True)
    TOTP.activate(User.objects.get(email="lead@demo.test"), SECRET)


def sign_in_lead(page: Page) -> None:
    sign_in(page, "lead@demo.test", "tandem-demo")
    page.get_by_label("Code").fill(totp_code(SECRET))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def decide(page: Page, name: str, reason: str) -> None:
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Application from {name}")
    checked(page)
    page.get_by_label("Accepted").check()
    page.get_by_label("Reason (sent to the applicant)").fill(reason)
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"Decision saved; {name} has been e-mailed.")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_apply_review_match_approve(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    # The outsider continues the draft they started, leaves, comes back, sends it.
    sign_in(page, "outsider@demo.test", "tandem-demo")
    page.goto("/apply/connected-classrooms-2026/")
    checked(page)
    page.get_by_role("link", name="Continue your application").click()
    interests = page.get_by_label("Your professional interests")
    expect(interests).to_have_value("Project-based learning across distance")
    # Wait for the autosave that carries the new text (an earlier one may show "saved" already).
    with page.expect_response(
        lambda r: (
            r.url.endswith("/draft/")
            and "zones" in (r.request.post_data or "").replace("+", " ").replace("%20", " ")
        )
    ) as saved:
        interests.fill("Project-based learning across distance, with students in three time zones")
    assert saved.value.ok
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    checked(page)
    url = page.url
    context = page.context
    page.close()
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.goto(url)
    expect(page.get_by_label("Your professional interests")).to_have_value(
        "Project-based learning across distance, with students in three time zones"
    )
    page.get_by_label("Challenges you face now").fill(
        "Keeping projects moving between weekly calls."
    )
    page.get_by_label("Tuesday 18:00–21:00").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    sent = Application.objects.get(applicant__email="outsider@demo.test")
    assert sent.status == "submitted"
    assert "three time zones" in sent.answers["interests"]
    checked(page)
    sign_out(page)

    # The lead accepts the outsider and a new mentor, then matches.
    sign_in_lead(page)
    page.goto(f"{PROGRAMME}/")
    page.get_by_role("link", name="Intake and review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intake and review")
    checked(page)
    page.get_by_role("link", name="2027 intake").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Applications: 2027 intake")
    checked(page)
    decide(page, "Tomás Alvarez", "Welcome: your projects idea suits our community.")
    decide(page, "Wiremu Te Awa", "Thank you for offering to mentor.")
    follow(page, page.get_by_role("link", name="Matching"))
    checked(page)
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_text("A new proposal is ready.")).to_be_visible()
    page.get_by_text("Why Tomás Alvarez").click()
    reason = page.locator("details[open] li").first
    expect(reason).to_be_visible()
    expect(reason).to_contain_text(":")
    checked(page)
    page.get_by_role("button", name="Lock Tomás Alvarez's pair").click()
    expect(page.get_by_text("Saved. Run matching again")).to_be_visible()
    page.get_by_role("button", name="Run matching again").click()
    expect(page.get_by_text("Compared with proposal")).to_be_visible()
    expect(page.get_by_text("locked").first).to_be_visible()
    checked(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Approve and start the relationships").click()
    expect(page.get_by_text("relationships started")).to_be_visible()
    checked(page)
    sign_out(page)

    # They see each other.
    sign_in(page, "outsider@demo.test", "tandem-demo")
    expect(page.get_by_text("Your mentor:")).to_be_visible()
    expect(page.get_by_role("link", name="Wiremu Te Awa")).to_be_visible()
    checked(page)
    # Their agreement starts from the programme's template; each accepts it.
    page.get_by_role("link", name="Your agreement is waiting for you to accept it").click()
    expect(
        page.locator("dl.agreement").get_by_text("every 30 days for 45–90 minutes")
    ).to_be_visible()
    checked(page)
    page.get_by_role("button", name="I accept version 1").click()
    expect(page.get_by_text("You accepted version 1.")).to_be_visible()
    expect(page.get_by_text("Still to accept: Wiremu Te Awa.")).to_be_visible()
    checked(page)
    sign_out(page)
    sign_in(page, "wiremu.te.awa@demo.test", "tandem-demo")
    expect(page.get_by_role("link", name="Tomás Alvarez")).to_be_visible()
    checked(page)
    page.get_by_role("link", name="Your agreement is waiting for you to accept it").click()
    page.get_by_role("button", name="I accept version 1").click()
    expect(page.get_by_text("Accepted by everyone.")).to_be_visible()
    checked(page)
