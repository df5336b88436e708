"""What reaches the search engine from what a buyer typed: only safe, bounded words."""
import re

import pytest

from search.highlighting import highlight_snippet, highlight_whole, query_terms
from search.query import (
    LUCENE,
    MAX_WORD_CHARS,
    MAX_WORDS,
    WHOOSH,
    match_query,
    query_dialect,
    query_words,
    suggest_query,
)

SAFE_QUERY = re.compile(r"^[\w\s():^.\[\]]+$")


def test_words_are_lower_cased_deduplicated_and_stop_words_dropped():
    assert query_words("The Blue OCEAN and the blue sea") == ["blue", "ocean", "sea"]


@pytest.mark.parametrize(
    "junk", ["", "   ", "!!!", "AND OR (", '"', "*", ":", "(((", "a", "to be or not to be", "\x00", "--"]
)
def test_junk_has_no_words(junk):
    assert query_words(junk) == []


def test_query_syntax_is_taken_as_plain_words():
    assert query_words('title:"blue" AND ocean^9 OR -sea*') == ["title", "blue", "ocean", "sea"]


def test_long_input_is_bounded_in_words_and_in_word_length():
    words = query_words(" ".join(f"word{i}" for i in range(100)) + " " + "x" * 5000)
    assert len(words) == MAX_WORDS
    assert max(len(word) for word in query_words("y" * 5000)) == MAX_WORD_CHARS


def test_accents_and_other_scripts_are_words_too():
    assert query_words("Café Tromsø 東京") == ["café", "tromsø", "東京"]


def test_the_engine_query_requires_every_word_and_only_boosts_the_rest():
    query = match_query(["blue", "ocean"])
    required, optional = query.split(" ANDMAYBE ")
    assert required == "((text:blue AND text:ocean)"
    assert "title:blue^4" in optional and "artist_name:ocean^4" in optional
    assert SAFE_QUERY.match(query)


def test_the_fallback_query_accepts_any_word():
    assert match_query(["blue", "ocean"], any_word=True).startswith("((text:blue OR text:ocean)")


def test_suggestions_match_word_prefixes():
    assert suggest_query(["blu", "oc"]) == "(suggest:blu AND suggest:oc)"


def test_highlighting_marks_stems_and_escapes_everything_else():
    terms = query_terms(["oceans", "blue"])
    html = highlight_whole("<b>Blue</b> Ocean & sky", terms)
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<mark") == 2


def test_a_snippet_without_matches_is_the_escaped_start_of_the_text():
    text = "Quiet <morning> light. " * 30
    snippet = highlight_snippet(text, query_terms(["storm"]))
    assert snippet.startswith("Quiet &lt;morning&gt;") and snippet.endswith("…") and len(snippet) < 260


def test_the_lucene_query_requires_every_word_and_only_boosts_the_rest():
    from datetime import datetime, timedelta, timezone

    oslo = timezone(timedelta(hours=1))
    query = match_query(["blue", "ocean"], featured_after=datetime(2026, 3, 1, 13, 5, tzinfo=oslo), dialect=LUCENE)

    required, optional = query.split(" AND (", 1)
    assert required == "((text:blue AND text:ocean)"
    # The optional group matches every document (*:*), so it ranks and never filters.
    assert optional.endswith(" OR *:*))") and "ANDMAYBE" not in query
    assert "title:blue^4" in optional and "artist_name:ocean^4" in optional
    assert 'featured_until:["2026-03-01T12:05:00Z" TO *]^8' in optional
    assert query.count("(") == query.count(")")


def test_whoosh_backends_get_whooshs_dialect_and_the_others_lucenes():
    from haystack.backends.simple_backend import SimpleSearchBackend
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    from search.backends import ArtiqoWhooshSearchBackend

    assert query_dialect(ArtiqoWhooshSearchBackend.__new__(ArtiqoWhooshSearchBackend)) == WHOOSH
    assert query_dialect(WhooshSearchBackend.__new__(WhooshSearchBackend)) == WHOOSH
    assert query_dialect(SimpleSearchBackend.__new__(SimpleSearchBackend)) == LUCENE
