"""Marks the searched words in a result's stored title and summary (HTML-escaped, <mark>)."""
from __future__ import annotations

from django.utils.html import escape
from whoosh.analysis import StemmingAnalyzer
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter, highlight

# The index stems its text with this analyzer, so "oceans" in a title lights up for "ocean".
_ANALYZER = StemmingAnalyzer()
_FORMATTER = HtmlFormatter(tagname="mark", classname="hl", termclass="hl-term", between=" … ")
_SNIPPET_CHARS = 180


def query_terms(words: list[str]) -> frozenset[str]:
    """The stems of the searched words, as the index holds them."""
    return frozenset(token.text for token in _ANALYZER(" ".join(words)))


def highlight_whole(text: str, terms: frozenset[str]) -> str:
    """`text` escaped, with every matching word wrapped in <mark>."""
    if not text:
        return ""
    marked = highlight(text, terms, _ANALYZER, WholeFragmenter(), _FORMATTER, top=1) if terms else ""
    return marked or escape(text)


def highlight_snippet(text: str, terms: frozenset[str]) -> str:
    """The passage of `text` around the matches (or its start), escaped, matches marked."""
    if not text:
        return ""
    fragmenter = ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=60)
    marked = highlight(text, terms, _ANALYZER, fragmenter, _FORMATTER, top=1) if terms else ""
    if marked:
        return marked
    return escape(text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + "…")
