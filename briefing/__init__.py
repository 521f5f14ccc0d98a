"""briefing: several news articles about one event → one sourced briefing, as a static site."""

__version__ = "0.1.0"
