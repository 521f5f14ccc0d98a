"""Cleaning: drop the blocks that are page furniture rather than reporting (navigation, share
buttons, captions, links, embedded posts, fragments, wire notes) and keep what they tell of the
article (byline, credit, date, URL)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import _EMBED_TRACE, Block, _ends_sentence, normalise_space
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


# Lines that are page furniture, whatever else they say.
_FURNITURE = re.compile(
    r"""^(?:advertisement|advertising|loader|comments?|close(?:\ button)?|menu|search|
        share(?:\ this\ (?:article|story))?\b.*|newsletters?\b.*|subscribe\b.*|sign\ up\b.*|
        go\ to\ accessibility\ shortcuts|skip\ to\ (?:main\ )?content|read\ more|more\ stories|
        published\ on\b.*|updated\b.{0,40}|embed:?|original\ url:?|
        follow\ (?:us|\w+(?:\ \w+)?\ on)\b.*|click\ here\b.*|listen\ to\ (?:this\ )?(?:article|story)\b.*|
        image\ (?:source|caption)\b.*|media\ caption\b.*|most\ (?:read|popular|viewed)\b.*|
        (?:additional\ )?reporting\ by\b.*|(?:writing|editing)\ by\b.*|our\ standards:.*|
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
    """Keep the paragraphs that report; learn the byline, credit, date and URL from the rest."""
    evidence = Evidence()
    kept: list[str] = []
    in_embed = False
    for number, block in enumerate(blocks):
        text = normalise_space(block.text)
        if not text:
            continue
        if block.heading:
            in_embed = text.lower().rstrip(":").strip() in {"embed", "embedded post", "tweet"}
            continue
        text = _strip_dateline(text, evidence)
        reason = "embedded post" if block.embedded else _furniture_reason(text, in_embed, evidence)
        if reason == "heading or fragment" and (split := _trailing_note(text)):
            # a paragraph of sentences that ends in a wire note or sign-off ("… officials said.
            # (djp)", "… 10th graf pvs"): the note goes, not the paragraph
            text, note = split
            evidence.removed.append(f"trailing note: {note}")
            reason = None
        if reason is not None:
            if number == 0 and reason == "heading or fragment" and _looks_like_title(text):
                evidence.title = text
            evidence.removed.append(f"{reason}: {text}")
            continue
        kept.append(text)
    return kept, evidence


_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")
# a wire note after the last sentence: in lower case, in brackets or with a figure ("(djp)",
# "10th graf pvs"); not the cut-off end of a sentence ("… paid by a US. law")
NOTE_MAX_WORDS = 6
BODY_MIN_WORDS = 15  # the sentences before it: a paragraph, not a heading


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
    if len(text.split()) < 4:
        return "fragment"
    return None
