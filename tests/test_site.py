"""The published site beyond the briefing page: embed, fragment, outlets, method, feed, sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from .conftest import DEMO_STORY, links_of, tags_of

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_internal_link_is_relative(site):
    for page in site.rglob("*.html"):
        for tag, attrs in tags_of(page.read_text()):
            for name in ("href", "src"):
                value = attrs.get(name, "")
                assert not value.startswith("/"), (page, tag, value)
                if value.startswith(("http://", "https://")):
                    assert tag == "a", (page, tag, value)  # nothing is loaded from another host


def test_embed_page_has_no_site_navigation_and_leaves_the_frame(site):
    html = (site / DEMO_STORY / "embed.html").read_text()
    # no <base target="_top">: a footnote number stays in the frame, a link off the page leaves it
    assert "<base" not in html
    refs = re.findall(r'<a href="(#fn[^"]*)"[^>]*role="doc-noteref"', html)
    assert refs and not re.search(r'<a href="#[^"]*"[^>]*target=', html)
    outward = re.findall(r'<a href="(https?://[^"]+)"([^>]*)>', html)
    assert outward and all('target="_top"' in rest for _, rest in outward)
    assert "/theme/js/briefing.js" in html  # which tells the host page its height
    assert "<nav" not in html and "Skip to content" not in html
    assert html.count("<h1") == 1


def test_fragment_is_bare_html_under_an_h2(site):
    html = (site / DEMO_STORY / "fragment.html").read_text()
    assert not re.search(r"<(?:html|head|body)[\s>]", html)
    assert html.lstrip().startswith("<article")
    assert "<h1" not in html and html.count("<h2") == 1 and "<h3>" in html


def test_outlet_pages(site):
    index = (site / "outlets" / "index.html").read_text()
    assert 'href="../outlets/the-moscow-times.html"' in index
    # a source with no known outlet: its byline, else its place in the story, and its file
    assert 'Source 1 <span class="meta">(file 000_2a88a105458a5c17)</span>' in index
    assert "Daniel Bellamy with AP" in index and "unnamed outlet" not in index
    page = (site / "outlets" / "the-moscow-times.html").read_text()
    record = json.loads((site / DEMO_STORY / "briefing.json").read_text())
    moscow = next(s["id"] for s in record["sources"] if s["outlet"] == "The Moscow Times")
    stated = [f for f in record["facts"] if moscow in f["sources"]]
    assert page.count("<li>") == len(stated)
    assert f'href="../{DEMO_STORY}/index.html"' in page
    # a detail of a statement the outlet does not give is said to be missing from it
    missing = [d["text"] for f in stated for d in f["details"] if moscow not in d["sources"]]
    assert missing and all(f"“{text}” not in The Moscow Times" in page for text in missing)


def test_method_page_explains_the_limits(site):
    html = (site / "about.html").read_text()
    assert "<h1>How this is made</h1>" in html and "Limits" in html


def test_atom_feed_and_sitemap(site):
    feed = ET.parse(site / "feed.atom").getroot()
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}updated").text == "2025-01-11T00:00:00Z"
    assert entry.find(f"{ATOM}link").get("href") == f"{DEMO_STORY}/v1/index.html"
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{DEMO_STORY}/index.html" in locations and "about.html" in locations


def test_json_ld_news_article_with_its_citations(site):
    html = (site / DEMO_STORY / "index.html").read_text()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    record = json.loads(block)
    assert record["@type"] == "NewsArticle" and record["dateModified"] == "2025-01-11"
    assert len(record["citation"]) == 5
    assert {"@type": "Organization", "name": "The Moscow Times"} in [
        c.get("publisher") for c in record["citation"]
    ]


def test_coverage_matrix_has_a_text_alternative(site):
    html = (site / DEMO_STORY / "index.html").read_text()
    assert html.count("<svg") == 1 and 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert '<table class="coverage-table">' in html


def test_index_links(site):
    hrefs = [h for h, _ in links_of((site / "index.html").read_text())]
    assert (
        f"./{DEMO_STORY}/index.html" in hrefs and "./outlets/index.html" in hrefs and "./about.html" in hrefs
    )


def test_the_page_shows_a_short_main_account_and_folds_the_rest(site):
    """A reader takes the briefing in at a glance: the words shown before anything is opened
    stay under 800; more details, single-outlet statements, quotes, the timeline, each outlet in
    brief and the source sentences are each one click away, in a native <details>."""
    page = (site / DEMO_STORY / "index.html").read_text()
    html = page[page.index("<article") : page.index("</article>")]
    shown = re.sub(r"<details.*?</details>", " ", html, flags=re.S)
    shown = re.sub(r"<sup.*?</sup>", "", shown, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", shown).split()
    assert 150 < len(words) <= 800
    folded = re.findall(r"<details class=\"(?:more|footnotes-more)\"[^>]*><summary>(.*?)</summary>", html)
    titles = " / ".join(re.sub(r"<[^>]+>", "", t) for t in folded)
    for part in (
        "Reported by one outlet only",
        "More details",
        "In their own words",
        "Timeline",
        "Each outlet",
    ):
        assert part in titles, titles
    assert "The source sentences" in titles
    # every footnote still leads to its sentence: the target is in the folded list
    ref = re.search(r'<a href="#(fn-[^"]+)"[^>]*role="doc-noteref"', html).group(1)
    assert f'id="{ref}"' in html
