from __future__ import annotations

import re

import pytest

from briefing.compose import markdown_link
from briefing.render import escape_markdown, render_markdown, text_fragment_url

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "**bold** and `code` and <b>tags</b>",
    "[^f1]: a fake footnote",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_article_text_renders_as_text(text):
    html = render_markdown(escape_markdown(text), "doc")
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<b>" not in html
    assert "<strong>" not in html and "<code>" not in html


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "//evil.example/x"]
)
def test_non_http_links_are_not_links(url):
    assert "<a " not in render_markdown(markdown_link("label", url), "doc")


def test_http_link_is_kept():
    html = render_markdown(markdown_link("The Moscow Times", "https://www.themoscowtimes.com/a b"), "doc")
    assert '<a href="https://www.themoscowtimes.com/a%20b">The Moscow Times</a>' in html


def test_text_fragment_url():
    url = text_fragment_url(
        "https://example.org/a#top",
        "The SBU said the men were captured separately — one on Thursday — by special forces.",
    )
    assert url.startswith("https://example.org/a#:~:text=The%20SBU%20said%20the%20men,")
    assert url.endswith("Thursday%20%E2%80%94%20by%20special%20forces.")
    assert (
        text_fragment_url("https://e.org/", "A well-known fact.")
        == "https://e.org/#:~:text=A%20well%2Dknown%20fact."
    )


def test_footnote_references_are_semantic_and_unique_per_document():
    md = "Claim.[^a]\n\n[^a]: Source sentence."
    html = render_markdown(md, "story-x", {"a": ("3", "The Outlet")})
    assert 'role="doc-noteref"' in html and 'aria-label="Source 3: The Outlet"' in html
    assert ">3</a></sup>" in html
    assert 'id="fn-story-x-1"' in html and 'role="doc-backlink"' in html and 'role="doc-endnotes"' in html


def test_footnote_numbers_in_a_row_are_set_apart_by_commas():
    from briefing.render import render_markdown

    html = render_markdown("Words.[^a][^b]\n\n[^a]: One.\n[^b]: Two.\n", "doc")
    first, second = re.findall(r'<sup class="footnote-ref">(,?)<a', html)
    assert (first, second) == ("", ",")  # "Words.¹,²" even in a fragment with no stylesheet
