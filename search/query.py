"""From what a buyer typed to safe search words and the engine query that ranks them.

Only word characters ever reach the engine, so no input (quotes, `AND OR (`, `title:`,
`*`, a thousand characters) can change the query's structure or make the parser fail.
Queries come in two dialects: Whoosh's, and Lucene's for Elasticsearch and Solr (see
query_dialect). They share field:term^boost, AND and OR; they differ in how optional
clauses only add to the score (Whoosh's ANDMAYBE) and in how a date range is written.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from whoosh.analysis import STOP_WORDS

MAX_INPUT_CHARS = 300
MAX_WORDS = 8
MAX_WORD_CHARS = 40
MIN_WORD_CHARS = 2
WORD_RE = re.compile(r"\w+", re.UNICODE)
CONTENT_FIELD = "text"
# Title and artist weigh more than the description; the vibe sits in between. The
# content field (weight 1) holds every word, so it alone decides what matches.
FIELD_WEIGHTS = {"title": 4, "artist_name": 4, "vibe_name": 2}
# About what a title match adds: a featured work climbs among the matches, it does not
# jump over works that match the words much better.
FEATURED_BOOST = 8
SUGGEST_FIELD = "suggest"
WHOOSH, LUCENE = "whoosh", "lucene"


def query_dialect(backend) -> str:
    """The query syntax a Haystack backend parses: Whoosh's own, or Lucene's (Elasticsearch, Solr)."""
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    return WHOOSH if isinstance(backend, WhooshSearchBackend) else LUCENE


def query_words(text: str | None) -> list[str]:
    """The distinct searchable words of `text`, lower-cased, in order, bounded in number."""
    normalised = unicodedata.normalize("NFKC", (text or "")[:MAX_INPUT_CHARS]).lower()
    words: list[str] = []
    for word in WORD_RE.findall(normalised):
        word = word.strip("_")[:MAX_WORD_CHARS]
        if len(word) < MIN_WORD_CHARS or word in STOP_WORDS or word in words:
            continue
        words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


def match_query(words: list[str], *, any_word: bool = False, featured_after: datetime | None = None,
                dialect: str = WHOOSH) -> str:
    """Every word (or, as a fallback, any word) must be in the content; boosts only rank.

    Matching on the content field alone keeps the required part a plain intersection of
    posting lists (the fast path); title, artist and vibe matches and a current feature
    are optional clauses that only add to the score of works already matched.
    """
    required = (" OR " if any_word else " AND ").join(f"{CONTENT_FIELD}:{word}" for word in words)
    optional = [f"{field}:{word}^{weight}" for word in words for field, weight in FIELD_WEIGHTS.items()]
    if dialect == WHOOSH:
        if featured_after is not None:
            # Whoosh keeps a boost on a range only when it is written on a group.
            optional.append(f"(featured_until:[{featured_after:%Y%m%d%H%M%S} to])^{FEATURED_BOOST}")
        return f"(({required}) ANDMAYBE ({' OR '.join(optional)}))"
    if featured_after is not None:
        moment = featured_after.astimezone(UTC) if featured_after.tzinfo else featured_after
        optional.append(f'featured_until:["{moment:%Y-%m-%dT%H:%M:%S}Z" TO *]^{FEATURED_BOOST}')
    # Lucene has no ANDMAYBE: the optional group always matches through *:* (all
    # documents), so it adds the scores of the clauses that match and filters nothing,
    # whatever default operator (AND or OR) the engine applies between clauses.
    return f"(({required}) AND ({' OR '.join(optional)} OR *:*))"


def suggest_query(words: list[str]) -> str:
    """Each typed word is a prefix of a word in a title, an artist's name or a vibe."""
    return "(" + " AND ".join(f"{SUGGEST_FIELD}:{word[:15]}" for word in words) + ")"
