import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.core.richtext import plain_text, render


def test_markdown_renders_and_headings_are_demoted() -> None:
    html = render("# Title\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two")
    assert "<h2>Title</h2>" in html
    assert "<h1>" not in html
    assert "<em>emphasis</em>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html
    assert "<li>one</li>" in html


def test_raw_html_and_dangerous_links_are_removed() -> None:
    html = render("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<script" not in html
    assert "href" not in html  # the javascript: link is left as plain text
    assert "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently


def test_empty_and_plain_excerpt() -> None:
    assert render("") == ""
    assert render(None) == ""
    assert plain_text("**Bold** text that goes on", limit=10) == "Bold text…"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_input_produces_executable_markup(source: str) -> None:
    html = render(source).lower()
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert re.search(r"<[^>]+\son\w+\s*=", html) is None  # no event-handler attributes
    for tag in ("<iframe", "<object", "<embed", "<style", "<form", "<input"):
        assert tag not in html
