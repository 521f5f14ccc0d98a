"""Discover the article files of the content root, read them, and clean their text.

The modules, in the order an article goes through them (nothing here touches the network):

- ``discovery``: the article files of the content root and the story each folder names;
- ``read``: one file, or a download, to its articles: size limits and the reader its kind calls for;
- ``decode``: bytes to text, binary files refused and encodings other than UTF-8 guessed;
- ``front_matter``: the YAML front matter of a Markdown file, each value checked;
- ``markdown``: the reader of Markdown bodies and plain text;
- ``pages``: the reader of saved web pages (main text found by trafilatura);
- ``feeds``: the reader of RSS and Atom feeds (feedparser), one article per entry;
- ``blocks``: the block of text all readers give, and the spacing and line joining they share;
- ``article``: an article from its blocks, which it has cleaned (``clean``), its metadata settled
  (``metadata``), its language (``language``) and its kind (``kinds``) told;
- ``clean``: page furniture, fragments and wire notes dropped, what they tell of the article kept;
- ``kinds``: a source that is the news itself told apart from an outlet's report: a post, a statement;
- ``metadata``: field lengths, visible names, dates, safe URLs and the outlet of a domain;
- ``validate``: the checks every outlet, author and date from a page, a feed or cleaning passes;
- ``language``: the article's language, plain English at once, anything else by py3langid.
"""

from __future__ import annotations

from .article import FileArticles, article_from_text, body_parts
from .discovery import discover
from .language import UNKNOWN_LANGUAGE
from .read import MAX_FILE_BYTES, kind_of, load_article, parse_source, read_file

__all__ = [
    "MAX_FILE_BYTES",
    "UNKNOWN_LANGUAGE",
    "FileArticles",
    "article_from_text",
    "body_parts",
    "discover",
    "kind_of",
    "load_article",
    "parse_source",
    "read_file",
]
