"""Cleaning: drop the blocks that are page furniture rather than reporting (navigation, share
buttons, captions, links, embedded posts, fragments, wire notes) and keep what they tell of the
article (byline, credit, date, URL)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import _CLOSERS, _EMBED_TRACE, SENTENCE_STOPS, Block, _ends_sentence, normalise_space
from .metadata import _safe_url, parse_date_line

# News agencies whose name in a dateline "(AP)" or a sign-off credits the copy.
AGENCIES = frozenset(
    {
        "AP",
        "AFP",
        "ANI",
        "ANSA",
        "Bloomberg",
        "CNN",
        "dpa",
        "DPA",
        "EFE",
        "IANS",
        "Interfax",
        "Kyodo",
        "PAP",
        "PTI",
        "Reuters",
        "TASS",
        "UPI",
        "Xinhua",
        "Yonhap",
    }
)


@dataclass(slots=True)
class Evidence:
    """What cleaning learned about the article from the lines it removed."""

    author: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    removed: list[str] = field(default_factory=list)
    # the article's own section headings: (how many kept paragraphs stand before it, heading)
    headings: list[tuple[int, str]] = field(default_factory=list)
    items: list[int] = field(default_factory=list)  # the kept paragraphs that are list items


# Lines that are page furniture, whatever else they say.
_FURNITURE = re.compile(
    r"""^(?:advertisement|advertising|loader|comments?|close(?:\ button)?|menu|search|
        share(?:\ this\ (?:article|story))?\b.*|newsletters?\b.*|subscribe\b.*|sign\ up\b.*|
        go\ to\ accessibility\ shortcuts|skip\ to\ (?:main\ )?content|read\ more|more\ stories|
        published\ on\b.*|updated\b.{0,40}|embed:?|original\ url:?|
        follow\ (?:us|\w+(?:\ \w+)?\ on)\b.*|click\ here\b.*|listen\ to\ (?:this\ )?(?:article|story)\b.*|
        image\ (?:source|caption)\b.*|enlarge\ (?:image|photo)\b.*|media\ caption\b.*|
        most\ (?:read|popular|viewed)\b.*|
        \(?(?:additional\ )?reporting\ by\b.*|\(?(?:writing|editing)\ by\b.*|our\ standards:.*|
        story\ continues\ below\b.*|continue\ reading\b.*|
        .{0,40}\bjavascript\ is\ disabled\b.*|please\ enable\ javascript\b.*|
        we\ use\ cookies\b.*|sorry,\ the\ page\ you\ requested\b.*)$""",
    re.I | re.X,
)
# Lines introducing links to other articles.
_CROSS_LINK = re.compile(
    r"""^(?:also\ read|read\ (?:more|also)|related(?:\ (?:articles?|stories|coverage|content))?|see\ also|
        watch|more\ on\ this\ story|recommended)\s*[:|-]""",
    re.I | re.X,
)
# Photo captions and credits.
_CAPTION = re.compile(
    r"^(?:file(?:\ photo)?\s*[-–—:]|photo:|image:|pictured:|copyright\b)"
    r"|\b(?:photo|picture|image)s?\ (?:by|credit|courtesy)\b"
    r"|©|\bcopyright\s+(?:\d{4}|©)|\ball\ rights\ reserved\b|\bgetty\ images\b"
    r"|\bvia\ (?:kns|reuters|ap|afp)\b",
    re.I | re.X,
)
_BYLINE = re.compile(r"^[Bb]y\s+(?P<who>[A-Z][^.!?]{1,80})$")
_CREDIT = re.compile(r"^(?:sources?|credits?)\s*:\s*(?P<who>[^.!?]{2,80})$", re.I)
_SIGN_OFF = re.compile(r"^\((?:with inputs? from [^)]*|(?P<who>[\w.]{1,8}(?:/[\w.]{1,8})*))\)$", re.I)
# "KYIV, Ukraine (AP) — " or "(CNN) — " opening a paragraph: where and which agency.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,30})?\s+)?"
    r"\((?P<agency>[A-Za-z][\w.& ]{0,20})\)\s*(?:[—–-]{1,2}\s*)?(?=[A-Z0-9\"“‘'])"
)
_URL = re.compile(r"https?://[^\s<>\"]+")


def clean_blocks(blocks: list[Block]) -> tuple[list[str], Evidence]:
    """Keep the paragraphs that report; learn the byline, credit, date and URL from the rest.

    A paragraph that does not end as a sentence is kept when it reads as prose (long, in the
    words of a sentence rather than of a title); an item of a list or a line that leads into the
    next ("… as follows:") only when the article's own paragraphs are kept on both sides of it.
    """
    evidence = Evidence()
    verdicts: list[tuple[str, str | None]] = []  # (text, reason it goes; PENDING: judged below)
    items: list[bool] = []  # whether each verdict's block is a list item or a table cell
    in_embed = False
    for number, block in enumerate(blocks):
        text = normalise_space(block.text)
        if not text:
            continue
        if block.heading:
            in_embed = text.lower().rstrip(":").strip() in {"embed", "embedded post", "tweet"}
            verdicts.append((text, HEADING))
            items.append(False)
            continue
        text = _strip_dateline(text, evidence)
        if not block.embedded and not in_embed:
            text = _peel_trailing_notes(_cut_credits(text, evidence), evidence)
        reason = "embedded post" if block.embedded else _furniture_reason(text, in_embed, evidence)
        if reason == "heading or fragment":
            if block.link:
                reason = "links"
            elif _reads_as_prose(text):
                reason = None
            elif _VALEDICTION.match(text) and word_count(text) <= 8:
                reason = SIGNED
            elif verdicts and verdicts[-1][1] == SIGNED and word_count(text) <= 5:
                reason = SIGNED  # the name under "Best regards,"
            elif (block.item and word_count(text) >= 2) or text.endswith((":", ",")):
                reason = PENDING
        if reason == "heading or fragment" and number == 0 and _looks_like_title(text):
            evidence.title = text
        verdicts.append((text, reason))
        items.append(block.item)
    kept = [i for i, (_, reason) in enumerate(verdicts) if reason is None]
    for i, (text, reason) in enumerate(verdicts):
        # a list item or a lead-in between the article's own paragraphs is part of it, and so is
        # the signature under a letter
        if reason in (PENDING, SIGNED):
            inside = kept and kept[0] < i and (reason == SIGNED or i < kept[-1])
            verdicts[i] = (text, None if inside else "heading or fragment")
    kept = [i for i, (_, reason) in enumerate(verdicts) if reason is None]
    evidence.items = [number for number, i in enumerate(kept) if items[i]]
    for i, (text, reason) in enumerate(verdicts):
        # a heading, or a line worded as one, between the article's own paragraphs
        if (
            reason in (HEADING, "heading or fragment")
            and kept
            and kept[0] < i < kept[-1]
            and _section_heading(text)
        ):
            evidence.headings.append((sum(k < i for k in kept), text))
        elif reason is not None and reason != HEADING:
            evidence.removed.append(f"{reason}: {text}")
    return [text for text, reason in verdicts if reason is None], evidence


HEADING_MAX_WORDS = 20


def _section_heading(text: str) -> bool:
    """A heading between the article's own paragraphs that titles a section of it, not a widget's
    ("Related stories", "Advertisement", "Lesen Sie auch: …") nor an embedded post's.

    >>> _section_heading("What the council decided"), _section_heading("Auch lesen: Das Wetter")
    (True, False)
    """
    return (
        word_count(text) <= HEADING_MAX_WORDS
        and (text[0].isupper() or text[0].isdigit() or text[0].lower() == text[0].upper())
        and not re.search(r"[:|»›•=$<>{}\\/;]", text)  # "Also read: …", "News | …", code
        and not _FURNITURE.match(text)
        and not _CROSS_LINK.match(text.rstrip(":") + ":")
        and not _EMBED_TRACE.search(text)
        and text.lower().rstrip(":").strip() not in {"embed", "embedded post", "tweet"}
    )


HEADING = "heading"
PENDING = "pending"
SIGNED = "signed"
# The closing words of a letter, before its signature ("Best regards,", "Mit freundlichen Grüßen").
_VALEDICTION = re.compile(
    r"^(?:(?:mit\s+)?(?:(?:freundlichen|herzlichen|lieben|besten|viele|liebe)\s+)?gr(?:ü|ue|u)(?:ß|ss)(?:en?)?"
    r"|(?:kind|best|warm|warmest)\s+regards|regards|sincerely|yours(?:\s+(?:truly|sincerely|faithfully))?"
    r"|best\s+wishes|cordialement|(?:un\s+)?saludos?|cordiali\s+saluti|met\s+vriendelijke\s+groet)\b",
    re.I,
)

# Characters of scripts written without spaces between words: about two make a word.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def word_count(text: str) -> int:
    """About how many words a text has, in scripts written with spaces or without.

    >>> word_count("The harbour was closed."), word_count("子どもへの虐待をなくすための法律")
    (4, 8)
    """
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub("", text).split()) + (unspaced + 1) // 2


PROSE_MIN_WORDS = 15  # a paragraph without a final stop this long is no heading…
PROSE_MIN_LOWER = 0.4  # … when this share of its words is in lower case (in scripts with case)
# what follows the last sentence of a caption or an embedded post: "— Name (@handle) …", "(Name/AP)"
_CREDIT_AFTER = re.compile(r"^[—–-]|^\(.*\)$|\(@\w+\)")


def _reads_as_prose(text: str) -> bool:
    """A paragraph that is a sentence, or sentences, without a final stop: long enough, and
    worded as a sentence rather than as a title.

    >>> _reads_as_prose("During the five-day event about 1,500 participants are expected from "
    ...     "across the region to take part in the talks")
    True
    >>> _reads_as_prose("Home News Prison Official Says Anyone Could Escape From Northward Prison "
    ...     "As Guards Walk Out Over Pay And Conditions")
    False
    """
    if word_count(text) < PROSE_MIN_WORDS:
        return False
    ends = list(_SENTENCE_END.finditer(text))
    last = text[ends[-1].end() :].strip() if ends else text
    if ends and _CREDIT_AFTER.search(last):
        return False  # a caption or a post ending in its credit, "… on Sunday. (Jane Roe/AP)"
    cased = [w for w in text.split() if w[0].isalpha() and w[0].lower() != w[0].upper()]
    return not cased or sum(w[0].islower() for w in cased) >= PROSE_MIN_LOWER * len(cased)


# the end of a sentence inside a paragraph: a stop of any script, the marks closing it, a space
_SENTENCE_END = re.compile(f"[{re.escape(''.join(sorted(SENTENCE_STOPS)))}][{re.escape(_CLOSERS)}]*(?=\\s)")
# a wire note after the last sentence: in lower case, in brackets or with a figure ("(djp)",
# "10th graf pvs"); not the cut-off end of a sentence ("… paid by a US. law")
NOTE_MAX_WORDS = 6
BODY_MIN_WORDS = 15  # the sentences before it: a paragraph, not a heading
# what may follow the last sentence of a paragraph and go without it
_TRAILING_FURNITURE = frozenset(
    {"page furniture", "link to another article", "byline", "credit", "sign-off", "bare URL"}
)


def _peel_trailing_notes(text: str, evidence: Evidence) -> str:
    """A paragraph of sentences without the wire notes, sign-offs and credits that follow its
    last sentence: an article sent as one paragraph loses its note, not its text.

    >>> _peel_trailing_notes(
    ...     "The storm closed the harbour on Sunday and ferries to the two islands were cancelled, "
    ...     "officials said. (Reporting by Jane Roe; Editing by John Doe)", Evidence()
    ... )[-15:]
    'officials said.'
    """
    while True:
        ends = list(_SENTENCE_END.finditer(text))
        if not ends:
            return text
        body, note = text[: ends[-1].end()].strip(), text[ends[-1].end() :].strip()
        if not note or len(body.split()) < BODY_MIN_WORDS:
            return text
        if _trailing_note(text) is None and _furniture_reason(note, False, Evidence()) not in (
            _TRAILING_FURNITURE
        ):
            return text
        _furniture_reason(note, False, evidence)  # a sign-off or credit names the author
        evidence.removed.append(f"trailing note: {note}")
        text = body


_COPYRIGHT_LINE = re.compile(r"©|\bcopyright\b|\ball\ rights\ reserved\b", re.I)
CAPTION_MAX_WORDS = 45  # a block longer than this is no caption: only its credit sentences go


def _cut_credits(text: str, evidence: Evidence) -> str:
    """A long paragraph without the photo credit a page glued to its start, or the copyright line
    glued to its end (a caption, which ends in its credit, is dropped as a whole).

    >>> _cut_credits("Copyright © 2018 Foto: Jane Roe. " + "The harbour was closed on Sunday. " * 8
    ...     + "All rights reserved.", Evidence())[:33]
    'The harbour was closed on Sunday.'
    """
    if word_count(text) <= CAPTION_MAX_WORDS or not _CAPTION.search(text):
        return text
    starts = [0] + [end.end() for end in _SENTENCE_END.finditer(text)]
    sentences = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    credit = [bool(_CAPTION.search(sentence)) for sentence in sentences]
    if all(credit):
        return text
    first, last = credit.index(False), len(credit) - credit[::-1].index(False)
    left = " ".join(sentences[first:last])
    if (
        any(credit[first:last])
        or not all(_COPYRIGHT_LINE.search(sentence) for sentence in sentences[last:])
        or word_count(left) <= CAPTION_MAX_WORDS // 3
    ):
        # credits between its sentences (a gallery's captions), a photo's credit after them
        # ("… is shown in this photo. AFP/Getty Images"), or nothing but the credit: the
        # paragraph is judged, and dropped, as a caption
        return text
    evidence.removed.extend(f"photo caption or credit: {s}" for s in sentences[:first] + sentences[last:])
    return left


def _trailing_note(text: str) -> tuple[str, str] | None:
    """A paragraph that ends in a short note after its last sentence: (sentences, note).

    >>> sentences, note = _trailing_note(
    ...     "The storm closed the harbour on Sunday and ferries to the two islands were cancelled, "
    ...     "officials said. (djp)"
    ... )
    >>> sentences[-15:], note
    ('officials said.', '(djp)')
    >>> _trailing_note("Storm closes the harbour") is None
    True
    """
    ends = list(_SENTENCE_END.finditer(text))
    if not ends:
        return None
    body, note = text[: ends[-1].end()].strip(), text[ends[-1].end() :].strip()
    if not note or len(note.split()) > NOTE_MAX_WORDS or len(body.split()) < BODY_MIN_WORDS:
        return None
    wire_code = (note.startswith("(") and note.endswith(")")) or any(c.isdigit() for c in note)
    if not wire_code or any(c.isupper() or c in "@/|" for c in note) or not any(c.isalpha() for c in note):
        # "(Associated Press)", "(Name/AP)", "— Name (@handle) Dec. 25, 2016": a photo caption's
        # credit or an embedded post, whose paragraph is furniture as a whole
        return None
    return body, note


# Pages that are no article at all, told by the notice they show instead: (reason, wording).
_NOTICES = (
    (
        "a web archive's notice",
        r"these crawls are part of an effort to archive pages|is a collection of outsider-uploaded warcs"
        r"|web collections curated by .{0,60}archive-it",
    ),
    (
        "a video page's notice",
        r"the interactive transcript could not be loaded|rating is available when the video has been rented",
    ),
    (
        "a page-not-found notice",
        r"(?:the )?page you (?:requested|are looking for|were looking for) (?:was|could) not (?:be )?found"
        r"|please check the url for proper spelling|^(?:error )?404\b|^page not found\b",
    ),
    (
        "a robot check or cookie wall",
        r"enter the characters (?:you see|with black color)|are you a (?:human|robot)\b"
        r"|verify (?:that )?you are (?:a )?human|please enable cookies|cookies? (?:must|need to) be enabled"
        r"|javascript is disabled in your browser",
    ),
    (
        "a social site's notice",
        r"you can add location information to your tweets|when you tweet with a location, twitter stores",
    ),
    ("a reprint notice", r"^dow jones reprints: this copy is for your personal, non-commercial use"),
)
_NOTICE = re.compile("|".join(f"(?P<n{i}>{wording})" for i, (_, wording) in enumerate(_NOTICES)), re.I | re.M)
NOTICE_MAX_WORDS = 300  # a page this short that shows such a notice shows nothing else of note
# The same notices as a paragraph of a longer page ("You must enter the characters…" under an
# article); a page-not-found notice's wording ("404 …") is too common in news to go by paragraph.
_PARAGRAPH_NOTICE = re.compile(
    "|".join(wording for reason, wording in _NOTICES if reason != "a page-not-found notice"), re.I
)
PARAGRAPH_NOTICE_MAX_WORDS = 60
NOTICE_REASON = "page notice"  # what the removed-lines record says of such a paragraph


def page_notice(text: str) -> str | None:
    """What a page that is no article shows instead (a web archive's or a video page's notice,
    page not found, a robot check), when its text is short and says so; else ``None``.

    >>> page_notice("Sorry, the page you requested was not found. Please check the URL for proper spelling.")
    'a page-not-found notice'
    >>> page_notice("The harbour was closed on Sunday after a storm, officials said.") is None
    True
    """
    if word_count(text) > NOTICE_MAX_WORDS or not (match := _NOTICE.search(text)):
        return None
    return _NOTICES[int(match.lastgroup[1:])][0]


def _strip_dateline(text: str, evidence: Evidence) -> str:
    """Drop a "CITY (AP) —" dateline from the start of a paragraph, keeping the agency as credit."""
    match = _DATELINE.match(text)
    if not match or match.group("agency") not in AGENCIES:
        return text
    evidence.author = evidence.author or match.group("agency")
    evidence.removed.append(f"dateline: {text[: match.end()].strip()}")
    return text[match.end() :]


def _looks_like_title(text: str) -> bool:
    return 3 <= len(text.split()) <= 25 and text[0].isupper() and not re.search(r"[|•»›]", text)


def _furniture_reason(text: str, in_embed: bool, evidence: Evidence) -> str | None:
    if in_embed or _EMBED_TRACE.search(text):
        return "embedded post"
    if _URL.fullmatch(text):
        evidence.url = evidence.url or _safe_url(text)
        return "bare URL"
    if published := parse_date_line(text):
        evidence.published = evidence.published or published
        return "dateline"
    if "\ufffd" in text:
        return "broken characters"
    if word_count(text) <= PARAGRAPH_NOTICE_MAX_WORDS and _PARAGRAPH_NOTICE.search(text):
        return NOTICE_REASON
    if _FURNITURE.match(text):
        if text.lower().startswith("original url"):
            return "original url"
        return "page furniture"
    if _CROSS_LINK.match(text):
        return "link to another article"
    if match := _BYLINE.match(text):
        evidence.author = evidence.author or match.group("who").strip()
        return "byline"
    if match := _CREDIT.match(text):
        evidence.author = evidence.author or match.group("who").strip()
        return "credit"
    if match := _SIGN_OFF.match(text):
        if match.group("who") in AGENCIES:
            evidence.author = evidence.author or match.group("who")
        return "sign-off"
    if _CAPTION.search(text):
        return "photo caption or credit"
    if not _ends_sentence(text):
        return "heading or fragment"
    if word_count(text) < 4:
        return "fragment"
    return None
