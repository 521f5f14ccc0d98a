"""Settings for building the briefing site: `make html`, `briefing build` or `pelican content`."""

SITENAME = "Briefings"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Our theme: templates/ holds the Jinja2 templates, templates/static the CSS.
THEME = "."
THEME_STATIC_PATHS = ["templates/static"]
THEME_STATIC_DIR = "theme"

PLUGINS = ["briefing.pelican_plugin"]
BRIEFING = {
    "summary_sentences": 3,
    "lede_facts": 4,
    "cache": ".cache/briefing",
}

# Raw articles are read by the briefing plugin only, never published by Pelican itself.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []

# Every link relative, so the site works from any sub-path and from file://.
RELATIVE_URLS = True
ARTICLE_URL = "{slug}/index.html"
ARTICLE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index"]
PAGINATED_TEMPLATES: dict[str, int | None] = {}
DEFAULT_PAGINATION = False
# No category, tag, author or archive pages: a briefing site is its index and its briefings.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Article text is untrusted: escape every value a template prints unless marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
