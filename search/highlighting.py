"""Marks the searched words in a result's stored title and summary (HTML-escaped, <mark>).

Words are compared by their stems, as the index compares them ("oceans" lights up for
"ocean"). A plain tokenizer and a memoised Porter stemmer do it in a fraction of the
time Whoosh's general highlighter needs (it was a third of a search request).
"""
from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from whoosh.lang.porter import stem

_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 180
_BEFORE = 50


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    return stem(word.lower())


def query_terms(words: list[str]) -> frozenset[str]:
    """The stems of the searched words."""
    return frozenset(_stem(word) for word in words)


def _marked(text: str, terms: frozenset[str]) -> tuple[str, bool]:
    parts, last, found = [], 0, False
    for match in _WORD.finditer(text):
        if _stem(match.group()) in terms:
            parts.append(escape(text[last:match.start()]))
            parts.append(f'<mark class="hl">{escape(match.group())}</mark>')
            last, found = match.end(), True
    parts.append(escape(text[last:]))
    return "".join(parts), found


def highlight_whole(text: str, terms: frozenset[str]) -> str:
    """`text` escaped, with every matching word wrapped in <mark>."""
    return _marked(text, terms)[0] if text else ""


def highlight_snippet(text: str, terms: frozenset[str]) -> str:
    """About SNIPPET_CHARS of `text` around its first match (or its start), matches marked."""
    if not text:
        return ""
    first = next((m.start() for m in _WORD.finditer(text) if _stem(m.group()) in terms), 0)
    start = 0 if first < _BEFORE else text.rfind(" ", 0, first - _BEFORE + 1) + 1
    end = start + SNIPPET_CHARS
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    passage = text[start:end]
    marked, _ = _marked(passage, terms)
    return ("…" if start else "") + marked + ("…" if end < len(text) else "")
