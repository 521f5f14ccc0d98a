"""Bytes to text: binary files refused, byte-order marks and declared charsets believed,
other encodings than UTF-8 guessed with a warning."""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import ArticleError, ArticleWarning

logger = logging.getLogger(__name__)


# charset-normalizer's "mess" of a decoding; above this the detected encoding is not trusted.
MAX_ENCODING_CHAOS = 0.1


_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "an Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}


def _check_bytes(raw: bytes, rel: str) -> None:
    if not raw.strip():
        raise ArticleError(rel, "empty file", "empty")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ArticleError(
                rel, f"binary file ({what}), not text: save the article as .html, .md or .txt", "binary"
            )


def decode_text(raw: bytes, rel: str, declared: str | None = None) -> tuple[str, ArticleWarning | None]:
    """The text of some bytes, and a warning when it was not UTF-8 and its encoding was guessed.

    A byte-order mark or the page's own ``<meta charset>`` is believed; otherwise UTF-8 is
    tried, then charset-normalizer's best guess if it is confident. Binary data raises.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    rel,
                    f"starts like {codec} text but is not ({exc.reason}): re-save it as UTF-8",
                    "encoding",
                ) from exc
            if codec == "utf-8-sig":
                return text, None
            return text, ArticleWarning(
                rel, f"{codec.upper()} text, not UTF-8: re-save it as UTF-8", "encoding"
            )
    if _looks_binary(raw):
        raise ArticleError(rel, "binary file, not text: save the article as .html, .md or .txt", "binary")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_byte = exc.start
    if declared:
        try:
            return raw.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %s does not decode it", rel, declared)
    from charset_normalizer import from_bytes

    match = from_bytes(raw).best()
    if match is None or match.chaos > MAX_ENCODING_CHAOS:
        raise ArticleError(
            rel,
            f"not UTF-8 (invalid byte at offset {bad_byte}) and its encoding could not be detected "
            "with confidence: re-save it as UTF-8",
            "encoding",
        )
    return str(match), ArticleWarning(
        rel, f"not UTF-8: read as {match.encoding} (detected); re-save it as UTF-8 to be sure", "encoding"
    )


def _looks_binary(raw: bytes) -> bool:
    """NUL or other control bytes where text has none; UTF-16 without a byte-order mark is text."""
    sample = raw[:8192]
    if b"\x00" in sample:
        # UTF-16 text has a NUL in every other byte for Latin script; anything else is binary
        zeros = max(sample[0::2].count(0), sample[1::2].count(0))
        return len(sample) < 16 or zeros < 0.4 * (len(sample) / 2)
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None
