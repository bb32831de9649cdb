"""The community in a real browser: a member joins a space, shares a reflection
there mentioning someone, who is notified, opens it and replies; a member flags
a discussion reply, a moderator hides it from the review queue and its writer
is told; a facilitator writes the month's newsletter from its highlights and
sends it, and a member reads it from the e-mail's link. Every page is checked with axe-core, on a desktop and a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.blogs.models import Post
from tandem.newsletter import selectors
from tandem.newsletter.models import Issue

from .conftest import DESKTOP, PHONE, follow, open_menu, sign_in
from .test_journeys import checked, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", quiet=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_join_post_mention_notify_reply(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    sign_in(page, "maria.teresa.santos@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Community"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Remote Teachers' Community")
    checked(page)
    expect(page.get_by_text("Mentors' room")).to_have_count(0)  # restricted: not for her
    follow(page, page.get_by_role("link", name="Maths across the distance"))
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("Welcome to Maths across the distance.")).to_be_visible()
    checked(page)

    follow(page, page.get_by_role("link", name="Write a post"))
    checked(page)
    page.get_by_label("Title").fill("Fractions over the radio")
    page.get_by_label("Post").fill(
        "We cut paper pizzas together on air.\n\n@kiri-walker, your wait-time idea worked here too."
    )
    page.get_by_label("Who can read it").select_option(
        label="Members of the space Maths across the distance"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fractions over the radio")
    checked(page)
    post = Post.objects.get(title="Fractions over the radio")
    assert post.visibility == "group"
    sign_out(page)

    sign_in(page, "mentee@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Notifications"))
    checked(page)
    page.get_by_role(
        "button", name="Maria Teresa Santos mentioned you in the post “Fractions over the radio”"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fractions over the radio")
    page.get_by_label("Your comment").fill("Paper pizzas — brilliant. Stealing this for Friday!")
    page.get_by_role("button", name="Comment").click()
    expect(page.get_by_text("Stealing this for Friday!")).to_be_visible()
    page.get_by_role("button", name="Celebrate").click()
    expect(page.get_by_role("button", name="Celebrate")).to_have_attribute("aria-pressed", "true")
    checked(page)
    assert post.comments.get().author.email == "mentee@demo.test"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_member_flags_a_reply_and_a_moderator_hides_it(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    sign_in(page, "mentee@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Community"))
    follow(page, page.get_by_role("link", name="Maths across the distance"))
    follow(page, page.get_by_role("link", name="Number talk prompts that work for Years 3 to 8"))
    checked(page)
    naming = page.locator("#p-3")
    expect(naming).to_contain_text("Aroha Te Rangi")
    follow(page, naming.get_by_role("link", name="Flag"))
    checked(page)
    page.get_by_label("Shares private details about a learner, family or colleague").check()
    page.get_by_label("Anything the moderators should know").fill("It names a Year 3 student.")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("The space's moderators will look at it.")).to_be_visible()
    page.locator("#p-2").get_by_role("link", name="Reply", exact=True).click()
    page.get_by_label("Your reply").fill("Which one doesn't belong worked for my Year 5s too.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("worked for my Year 5s too")).to_be_visible()
    checked(page)
    sign_out(page)

    sign_in(page, "facilitator@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Review"))
    checked(page)
    item = page.locator("article.review").filter(has_text="Aroha Te Rangi")
    expect(item.get_by_role("listitem")).to_have_count(2)  # two flags now
    item.get_by_label("Hide it").check()
    item.get_by_label("A note to the author").fill("Please repost it without her name.")
    item.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("Done. The author has been told.")).to_be_visible()
    expect(page.locator("article.review").filter(has_text="Aroha Te Rangi")).to_have_count(0)
    checked(page)
    sign_out(page)

    sign_in(page, "ben.fotheringham@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Notifications"))
    note = page.get_by_role("button", name="A moderator hid your post in Maths across the distance")
    expect(note).to_contain_text("Please repost it without her name.")
    note.click()
    expect(page.get_by_text("Hidden from others until a moderator restores it.")).to_be_visible()
    checked(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_facilitator_sends_the_newsletter(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    sign_in(page, "facilitator@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Community"))
    checked(page)
    follow(page, page.get_by_role("link", name="All issues"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter")
    checked(page)
    month = timezone.localdate().strftime("%Y-%m")
    page.get_by_label("Highlights of").select_option(month)
    page.get_by_role("button", name="Start a draft").click()
    expect(page.get_by_text("Here is a draft from the month's highlights.")).to_be_visible()
    checked(page)
    body = page.get_by_label("Newsletter")
    expect(body).to_contain_text("## Most discussed")
    body.press("Control+Home")
    body.press_sequentially("Kia ora koutou, a short note before the highlights.\n\n")
    page.get_by_label("Subject").fill("Remote Teachers: this month's highlights")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name="Preview of a draft")).to_be_visible()
    expect(page.get_by_role("heading", name="Most discussed")).to_be_visible()
    checked(page)
    recipients = Issue.objects.get(subject="Remote Teachers: this month's highlights")
    expected = set(selectors.recipients(recipients.community).values_list("email", flat=True))
    mail.outbox.clear()
    page.get_by_role("button", name="Send the newsletter").click()
    expect(
        page.get_by_text(f"E-mailed to {len(expected)} of {len(expected)} members.")
    ).to_be_visible()
    checked(page)
    sent = [m for m in mail.outbox if m.subject == "Remote Teachers: this month's highlights"]
    assert sorted(m.to[0] for m in sent) == sorted(expected)  # each once
    assert "mentee@demo.test" in expected
    letter = next(m for m in sent if m.to[0] == "mentee@demo.test")
    assert "a short note before the highlights" in letter.body
    web = re.search(r"Read it on the web: \S+(/newsletter/\d+/)", letter.body)
    assert web is not None, letter.body
    sign_out(page)

    sign_in(page, "mentee@demo.test", "tandem-demo")
    page.goto(web.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remote Teachers: this month's highlights"
    )
    expect(page.get_by_text("a short note before the highlights")).to_be_visible()
    checked(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_library_showcase_and_figures(
    demo: None, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    """Kiri watches the captioned video from the maths library and adds a link;
    Sione features it, and reads the community figures."""
    page = new_page(viewport)
    sign_in(page, "mentee@demo.test", "tandem-demo")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Community", exact=True))
    follow(page, page.get_by_role("link", name="Maths across the distance"))
    follow(page, page.get_by_role("link", name="The whole library"))
    checked(page)
    follow(page, page.get_by_role("link", name="Wait time in a video lesson"))
    checked(page)
    # The player loads nothing until asked (preload="none": poor connections).
    # Its two addresses are fetched one after the other here: the test server's
    # threads share one in-memory SQLite connection, which cannot serve the
    # video and its captions at the same moment as a real server does.
    video = page.locator("video")
    source = video.get_attribute("src") or ""
    captions = page.locator("video track").get_attribute("src") or ""
    vtt = page.request.get(page.url.split("/library/")[0] + captions)
    assert vtt.ok
    assert vtt.text().startswith("WEBVTT")
    assert vtt.text().count(" --> ") == 4
    part = page.request.get(page.url.split("/library/")[0] + source, headers={"Range": "bytes=0-3"})
    assert part.status == 206
    assert part.body() == b"\x1a\x45\xdf\xa3"
    page.go_back()
    follow(page, page.get_by_role("link", name="Add a resource"))
    checked(page)
    page.get_by_role("radio", name="Link").check()
    page.get_by_label("Title:", exact=True).fill("Counting collections by video")
    page.get_by_label("Address (for a link)").fill("https://example.org/collections")
    page.get_by_label("Tags").fill("counting, Year 1")
    page.get_by_role("button", name="Add to the library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Counting collections by video")
    expect(page.get_by_role("link", name="#Year 1")).to_be_visible()
    sign_out(page)

    sign_in(page, "facilitator@demo.test", "tandem-demo")
    page.goto(page.url.split("/accounts/")[0] + "/search/?q=counting+collections")
    follow(page, page.get_by_role("link", name="Counting collections by video").first)
    follow(page, page.get_by_role("link", name="Feature or celebrate"))
    checked(page)
    page.get_by_label("A line on why (optional)").fill("Kiri's find for our youngest learners")
    page.get_by_role("button", name="Feature it").click()
    expect(page.get_by_text("Kiri's find for our youngest learners")).to_be_visible()
    checked(page)
    open_menu(page)
    follow(page, page.get_by_role("link", name="Community", exact=True))
    follow(page, page.get_by_role("link", name="Figures"))
    expect(page.get_by_role("heading", name="Over the whole time shown")).to_be_visible()
    checked(page)
