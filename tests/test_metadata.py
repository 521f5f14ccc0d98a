"""Outlets, authors and dates are checked before they are shown: the junk real pages and feeds
gave, and five real saved pages (``tests/data/pages/meta``)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.evaluation.metadata import outlet_problem, same_authors, same_day
from briefing.sources import article_from_text, read_file
from briefing.sources.metadata import outlet_from_url, site_host
from briefing.sources.validate import (
    PageText,
    author_name,
    outlet_name,
    page_author,
    page_date,
    page_title,
    publication_date,
)

from .conftest import DATA

PAGES = DATA / "pages" / "meta"


@pytest.mark.parametrize(
    ("site", "url", "outlet"),
    [
        ("Copyright 2014", "https://www.example-news.com/a", "example-news.com"),
        ("Hosted", "http://hosted.ap.org/dynamic/stories/U/US_STORM", "Associated Press"),
        ("DH News Service", "https://www.deccanherald.com/national/a.html", "Deccan Herald"),
        ("DH News Service", "https://www.example-herald.in/a.html", "example-herald.in"),
        ("www", "https://www.example.org/a", "example.org"),
        ("Edition", "https://edition.example.com/a", "example.com"),
        ("© Spox 2022", "https://www.spox.com/de/a.html", "spox.com"),
        ("Scinexx | Das Wissensmagazin", "https://www.scinexx.de/news/a", "Scinexx"),
        ("Achtsam durch die Krise | Die FURCHE", "https://www.furche.at/a", "Die FURCHE"),
        ("Utopia GmbH", "https://utopia.de/a", "Utopia"),
        ("Berliner Leichtathletik Verband e.V.", None, "Berliner Leichtathletik Verband e.V."),
        ("Vegetarier zu sein. Bedarf, Trend oder eigene Entscheidung?", "https://ethify.org/a", "ethify.org"),
        ("Httpstwittercomlitradionet", "https://litradio.net/a", "litradio.net"),
        ("Start", "https://kleinegruenemonster.wordpress.com/a", "kleinegruenemonster.wordpress.com"),
        ("Reuters", "https://web.archive.org/web/2019/https://www.reuters.com/a", "Reuters"),
    ],
)
def test_outlet_is_a_publication_name(site, url, outlet):
    assert outlet_name(site, url) == outlet


def test_site_name_that_is_the_title_is_no_outlet():
    title = "UK university student halls too full to be safe, experts warn"
    assert outlet_name(title, "https://www.msn.com/en-gb/news/a", title) == "msn.com"


@pytest.mark.parametrize(
    ("byline", "outlet", "author"),
    [
        ("Malcolm Owen Monday; November", None, "Malcolm Owen"),
        ("Phil Helsel is a reporter", None, "Phil Helsel"),
        ("CBS News February", "CBS News", None),
        ("Rob Picheta; CNN", "CNN", "Rob Picheta"),
        ("Sara Zinnecker Stand", None, "Sara Zinnecker"),
        ("Updated", None, None),
        ("Jane Roe jane.roe@example.com", None, "Jane Roe"),
        ("Par Stefan Häne; Sylvain Besson", None, "Stefan Häne, Sylvain Besson"),
        ("Martin Chikilian Martin is a full-stack engineer; Has Worked As A Professional", None, None),
        ("Eine realistische Interpretation des Keynes-Hicks-Multiplikators", None, None),
        ("Admin", None, None),
        ("Alexander", None, None),
        ("AFP", None, "AFP"),
        ("Daniel Bellamy with AP", None, "Daniel Bellamy with AP"),
        ("Hessenschau De; Frankfurt; Germany", None, None),
        ("Bund der Energieverbraucher", None, None),  # an association, not a person
        ("Occupy People", None, None),
        ("Credaris-Kundin A K Credaris", None, None),  # a customer quoted on a company's page
    ],
)
def test_author_is_a_person_or_an_agency(byline, outlet, author):
    assert author_name(byline, outlet) == author


@pytest.mark.parametrize(
    ("title", "outlet", "url", "shown"),
    [
        (
            "Fünf HR-Trends 2023 | HR JOURNAL",
            "hrjournal.de",
            "https://www.hrjournal.de/a",
            "Fünf HR-Trends 2023",
        ),
        ("Peanut Butter Truffles - Elavegan", None, "https://elavegan.com/a", "Peanut Butter Truffles"),
        ("Klimavorreiter Oberland? - tegernseerstimme.de", None, None, "Klimavorreiter Oberland?"),
        ("Storm hits the coast - Reuters", "Reuters", "https://www.reuters.com/a", "Storm hits the coast"),
        ("Berlin - Hamburg", None, "https://hamburg.de/a", "Berlin - Hamburg"),  # one word left: kept
        (
            "Minister resigns - Opinion",
            "Coastal News",
            "https://coastal.example/a",
            "Minister resigns - Opinion",
        ),
    ],
)
def test_a_page_title_loses_the_site_name_added_to_it(title, outlet, url, shown):
    assert page_title(title, outlet, url) == shown


def test_dates_in_the_future_or_no_date_are_refused():
    assert publication_date("2025-01-11", date(2025, 1, 20)) == "2025-01-11"
    assert publication_date("2025-03-01", date(2025, 1, 20)) is None
    assert publication_date("last Tuesday") is None


def test_page_date_needs_metadata_and_the_page_showing_it():
    dated = '<html><head><meta property="article:published_time" content="2024-03-03T08:00:00+01:00">'
    shown = "<body><p>Published 3 March 2024</p><p>The harbour was closed.</p></body></html>"
    hidden = "<body><p>The harbour was closed.</p><script>var built = '2024-03-03';</script></body></html>"
    assert page_date("2024-03-03", PageText.of(dated + "</head>" + shown)) == "2024-03-03"
    assert page_date("2024-03-03", PageText.of("<html><head></head>" + shown)) is None  # a guess
    assert page_date("2024-03-03", PageText.of(dated + "</head>" + hidden)) is None  # not shown


def test_a_page_showing_the_next_day_too_leaves_the_day_in_doubt():
    dated = '<html><head><meta property="article:published_time" content="2024-03-03T23:30:00Z">'
    both = "</head><body><p>3.3.2024</p><p>Updated 4.3.2024, 00:30</p><p>The harbour was closed.</p>"
    week = "</head><body><p>3.3.2024</p><p>The harbour was closed.</p><p>Comment, 10.3.2024</p>"
    assert page_date("2024-03-03T23:30:00Z", PageText.of(dated + both)) is None
    assert page_date("2024-03-03T23:30:00Z", PageText.of(dated + week)) == "2024-03-03T23:30:00Z"


def test_a_byline_that_names_more_people_than_the_metadata_leaves_the_author_unknown():
    article = "<p>The harbour was closed on Sunday after a storm damaged two of its piers.</p>"
    both = PageText.of(f"<html><body><p>von Rudolf Fischer, Simon Kohler</p>{article}</body></html>")
    assert page_author("Rudolf Fischer", None, None, both) is None  # the credit leaves one out
    assert page_author("Rudolf Fischer, Simon Kohler", None, None, both) == "Rudolf Fischer, Simon Kohler"
    job = PageText.of(
        f"<html><body><p>Posted by Alex Durán, AMP Project Marketing</p>{article}</body></html>"
    )
    assert page_author("Alex Durán", None, None, job) == "Alex Durán"


def test_a_name_only_in_a_link_to_another_site_or_as_the_publisher_is_no_byline():
    article = "<p>The harbour was closed on Sunday after a storm damaged two of its piers.</p>"
    url = "https://harbour.example/news/storm"
    blogroll = '<ul><li><a href="https://janeroe.example/" rel="me">Jane Roe</a></li></ul>'
    profile = '<p>By <a href="https://blogger.example/profile/42">Jane Roe</a></p>'
    publisher = '<span itemprop="publisher"><span itemprop="name">Jane Roe</span></span>'
    for shown, byline in ((blogroll, False), (publisher, False), (profile, True)):
        page = PageText.of(f"<html><body>{shown}{article}</body></html>", url)
        assert page_author("Jane Roe", None, url, page) == ("Jane Roe" if byline else None), shown


def test_a_day_counts_only_when_shown_close_to_the_article():
    dated = '<html><head><meta property="article:published_time" content="2024-03-03T08:00:00+01:00">'
    article = "The harbour was closed on Sunday after a storm damaged two of its piers, officials said."
    far = "<p>More stories from the coast.</p>" * 20
    below = f"</head><body><p>{article}</p>{far}<ul><li>3.3.2024 Ferries resume</li></ul></body></html>"
    above = f"</head><body><p>3.3.2024</p><p>{article}</p>{far}<p>Comment, 4.3.2024</p></body></html>"
    assert page_date("2024-03-03", PageText.of(dated + below)) == "2024-03-03"  # on the page…
    assert page_date("2024-03-03", PageText.of(dated + below), (article, article)) is None  # …not by it
    teasers = (
        f'</head><body><p>{article}</p><ul><li><time datetime="2024-03-03">3.3.2024</time>'
        '<a href="/news/ferries">Ferries resume</a></li></ul></body></html>'
    )
    undated = "<html><head>"
    assert page_date("2024-03-03", PageText.of(undated + teasers), (article, article)) is None
    # the next day, in a comment far below the article, leaves the article's own day in no doubt
    assert page_date("2024-03-03", PageText.of(dated + above), (article, article)) == "2024-03-03"


def test_the_day_of_the_last_change_is_not_the_day_of_publication():
    dated = '<html><head><meta name="date" content="2021-10-15"></head><body>'
    article = "<p>The harbour was closed on Sunday after a storm damaged two of its piers.</p>"
    changed = dated + article + "<p>Published: 13.10.2021</p><p>Last modified on: 15.10.2021</p>"
    assert page_date("2021-10-15", PageText.of(changed)) is None
    same = dated + article + "<p>Published: 15.10.2021</p><p>Last modified on: 15.10.2021</p>"
    assert page_date("2021-10-15", PageText.of(same)) == "2021-10-15"
    unlabelled = dated + article + "<p>Last modified on: 15.10.2021</p>"
    assert page_date("2021-10-15", PageText.of(unlabelled)) == "2021-10-15"


def test_a_software_versions_date_is_not_the_pages():
    dated = '<html><head><meta name="date" content="2020-02-12"></head><body>'
    article = "<p>The tool encrypts whole drives and single folders with several ciphers.</p>"
    version = dated + "<p>Version: 9.04 - vom 12.02.2020</p>" + article
    assert page_date("2020-02-12", PageText.of(version)) is None
    assert page_date("2020-02-12", PageText.of(dated + "<p>12.02.2020</p>" + article)) == "2020-02-12"


def test_the_date_of_a_comment_or_a_review_is_not_the_articles():
    article = "<p>The harbour was closed.</p>"
    comment = '<div class="comment-list"><time datetime="2024-03-09T10:00">9.3.2024</time> Nice!</div>'
    review = (
        '<div itemscope itemtype="https://schema.org/Review"><meta itemprop="datePublished" '
        'content="2024-03-09"><span>9.3.2024: a lovely house</span></div>'
    )
    for reaction in (comment, review):
        page = PageText.of(f"<html><body>{article}{reaction}</body></html>")
        assert page_date("2024-03-09", page) is None
    dated = '<time datetime="2024-03-03">3.3.2024</time>'
    assert page_date("2024-03-03", PageText.of(f"<html><body>{dated}{article}{comment}</body></html>"))


def test_a_byline_must_be_seen_close_to_the_article():
    article = "The harbour was closed on Sunday after a storm damaged two of its piers, officials said."
    hidden = f'<html><body><span style="display: none">Jane Roe</span><p>{article}</p></body></html>'
    assert not PageText.of(hidden).shows("Jane Roe", article, article)
    teaser = f"<html><body><p>{article}</p>{'<p>More stories from the coast.</p>' * 60}"
    teaser += "<p>Ferries resume, by Jane Roe</p></body></html>"
    assert PageText.of(teaser).shows("Jane Roe")  # on the page…
    assert not PageText.of(teaser).shows("Jane Roe", article, article)  # …but not with the article
    signed = f"<html><body><p>By Jane Roe</p><p>{article}</p></body></html>"
    assert PageText.of(signed).shows("Jane Roe", article, article)
    # a copyright holder, and a theme's author card shown as text with its time stamp
    for line in (
        "Copyright © 2020 by Jane Roe - all rights reserved",
        "Jane Roe 2021-12-14T12:38:19+01:00",
        "Jane Roe 2022-11-21 08:24:35",  # a related post's data, as a theme prints it
    ):
        page = PageText.of(f"<html><body><p>{article}</p><p>{line}</p></body></html>")
        assert not page.shows("Jane Roe", article, article), line
    credited = f"<html><body><p>© Photo Agency</p><p>Jane Roe 11/08/2020</p><p>{article}</p></body></html>"
    assert PageText.of(credited).shows("Jane Roe", article, article)  # the photo's credit ends there


def test_date_line_below_the_text_dates_something_else():
    report = "The harbour was closed on Sunday after a storm damaged two of its piers, officials said."
    assert article_from_text(f"January 11, 2025\n\n{report}", "a.txt").published == "2025-01-11"
    cited = f"{report}\n\nJanuary 11, 2019\n\nThe port authority said repairs would take weeks."
    assert article_from_text(cited, "b.txt").published is None


def test_byline_credit_is_checked():
    report = "The harbour was closed on Sunday after a storm damaged two of its piers, officials said."
    assert article_from_text(f"By Jane Roe Updated\n\n{report}", "a.txt").author == "Jane Roe"


def test_host_words_leave_the_domain():
    assert site_host("https://m.example.de/a") == "example.de"
    assert outlet_from_url("http://hosted.ap.org/a") == "Associated Press"


@pytest.mark.parametrize(
    ("name", "outlet", "author", "published"),
    [
        # site name "6. Jahrgang"; byline "Vom Krimiblogger" is no name
        ("archiv.krimiblog.de.2895.html", "archiv.krimiblog.de", None, None),
        # site name and author "Lüder Hoppe info@buero-hoppe.de"; the page names no URL
        ("buero-hoppe.de.baumgutachten.html", None, None, None),
        # site name "2020 Propellets Austria", author the same; its date only in metadata
        ("propellets.at.energie.html", "propellets.at", None, None),
        # site name "whiskyverkostung.com - Man muss dem Leben immer …"; the date is shown
        ("whiskyverkostung.com.halle.html", "whiskyverkostung.com", None, "2019-11-27"),
        # site name "Fashionweb Kuster Gmbh, 5430 Wettingen": the web agency's
        ("schweizerjaeger.ch-steinkauz.html", "schweizerjaeger.ch", None, None),
        # its metadata's authors sign a teaser of another article further down; this one is signed
        # by an agency's initials
        ("tdg.ch.chlorothalonil.html", "Tribune de Genève", None, "2019-12-12"),
    ],
)
def test_real_saved_pages(name, outlet, author, published):
    article = read_file(PAGES / name, PAGES, None).articles[0]
    assert (article.outlet, article.author, (article.published or "")[:10] or None) == (
        outlet,
        author,
        published,
    )


def test_evaluation_comparisons():
    assert same_authors("Leah C Stokes", "Leah C. Stokes")
    assert same_authors("Fiona Bornhöft, Mariam Hofbeck", "Fiona Bornhöft und Mariam Hofbeck")
    assert not same_authors("Rudolf Fischer", "Rudolf Fischer, Simon Kohler")
    assert same_day("2022-11-29T10:00:00+01:00", "2022-11-29")
    assert outlet_problem("Copyright 2014", "https://www.example.com/a") == "a copyright line or a date"
    assert outlet_problem("Hosted", "http://hosted.ap.org/a") == "a word of the host"
    assert outlet_problem("Deccan Herald", "https://www.deccanherald.com/a") is None


def test_the_readers_labels_of_values_that_differ_from_the_truth(tmp_path):
    import json
    import shutil

    from briefing.evaluation.metadata import LABELS, format_metadata, load_labels, metadata_eval

    shipped = json.loads(LABELS.read_text(encoding="utf-8"))["values"]
    assert shipped and all(len(v["readers"]) == 2 for v in shipped)
    assert all(v["label"] == ("wrong" if "wrong" in v["readers"] else "right") for v in shipped)  # stricter
    assert len(load_labels(LABELS)) == len(shipped)
    # a page whose hand-checked date is a slip (the page shows 2020-01-16): the readers say so
    (tmp_path / "eval").mkdir()
    shutil.copy(DATA / "pages" / "eval" / "flowfx.de.tmux.html", tmp_path / "eval")
    truth = {"file": "flowfx.de.tmux.html", "author": "Florian Posdziech", "date": "2021-01-16"}
    (tmp_path / "evaldata.json").write_text(json.dumps({"https://flowfx.de/a": truth}))
    labels = tmp_path / "labels.json"
    value = {"file": truth["file"], "field": "published", "truth": truth["date"], "readers": ["right"] * 2}
    labels.write_text(json.dumps({"values": [value | {"shown": "2020-01-16", "label": "right"}]}))
    score = metadata_eval(tmp_path, labels=labels)
    assert (score.fields["published"].wrong, score.fields["published"].labels["right"]) == (1, 1)
    assert "readers judge 0 wrong and 1 right (the truth errs); 0 not labelled" in format_metadata(score)
    assert metadata_eval(tmp_path, labels=None).fields["published"].labels["not labelled"] == 1
