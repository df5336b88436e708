"""Haystack's Whoosh engine made fast for Artiqo: numpy evaluation, cached arrays, sane spelling.

The stock backend opens a new searcher for every query, narrows every query by model
with an unbounded search, walks posting lists one document at a time in Python (plus a
second pass to count), cannot sort numbers without a per-query field cache and
"corrects" correctly spelt words. This subclass keeps Haystack's API, so the app code
and a later move to Elasticsearch or Solr (HAYSTACK_CONNECTIONS) do not change, and
evaluates queries with search.vectorized instead.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT
from haystack.exceptions import SkipDocument
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.fields import DATETIME, NUMERIC, STORED
from whoosh.query import Every, NumericRange
from whoosh.writing import CLEAR

from search.vectorized import Evaluator, Matches, SegmentArrays, members

# Corrections must share the first letter: misspellings rarely start wrong, and the
# prefix makes the automaton skip most of the vocabulary.
SPELLING_PREFIX = 1
# A known word used by fewer documents than this may still be a typo of a common one,
# if a neighbour is used RARE_WORD_RATIO times as often.
RARE_WORD_DOCS = 3
RARE_WORD_RATIO = 5
# Parsed queries kept per thread.
PARSED_CACHE_SIZE = 512
# Memory the rebuild's writer may pool postings in before spilling to disk.
REBUILD_WRITER_MB = 256


def _cached_column_reader(self, fieldname, column):
    # Whoosh 2.7.4 (its last release) caches found columns but not missing ones, so a
    # field without stored lengths (the spelling field) costs a stat() per posting when
    # a segment is written: indexing took 3.6 ms a document, 1.8 ms with this. Segments
    # never change, so remembering "no such column" is safe.
    if fieldname not in self._readers:
        self._readers[fieldname] = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    return self._readers[fieldname]


whoosh3.W3PerDocReader._cached_reader = _cached_column_reader


class ArtiqoWhooshSearchBackend(WhooshSearchBackend):
    """Whoosh backend: per-thread searcher and arrays, queries evaluated with numpy."""

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # A write that fails must raise so the index queue retries it instead of losing it.
        self.silently_fail = connection_options.get("SILENTLY_FAIL", False)
        self._local = threading.local()
        # Segment arrays outlive searchers: a write adds a small segment, the big one stays.
        self._arrays = threading.local()

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field in fields.values():
            name = field.index_fieldname
            whoosh_field = schema[name]
            if not field.indexed and not field.is_multivalued:
                # Display-only values: stored for the result card, never tokenised.
                schema.remove(name)
                schema.add(name, STORED())
            elif isinstance(whoosh_field, NUMERIC):
                # A column makes sorting and ranges array work (search.vectorized) instead of
                # posting walks, so numbers need no tiered range terms (a third of all
                # postings); Whoosh's own default for floats (NaN) cannot be packed.
                whoosh_field.shift_step = 0
                if not isinstance(whoosh_field, DATETIME):
                    whoosh_field.set_sortable(
                        NumericColumn(whoosh_field.sortable_typecode, default=2**whoosh_field.bits - 1))
            if field.document:
                # The document text is only searched; cards show the stored fields.
                whoosh_field.stored = False
        return content_field_name, schema

    def _from_python(self, value):
        # The stock backend stores booleans as "true"/"false", and Haystack reads them
        # back with bool(), so every stored false came back true. Whoosh takes real bools.
        if isinstance(value, bool):
            return value
        return super()._from_python(value)

    def searcher(self):
        """This thread's searcher, reopened only when another writer committed."""
        if not self.setup_complete:
            self.setup()
        current = getattr(self._local, "searcher", None)
        if current is None or current._ix is not self.index:
            searcher = self.index.searcher()
        else:
            searcher = current.refresh()
        if searcher is not current:
            self._local.searcher = searcher
            if not hasattr(self._arrays, "store"):
                self._arrays.store = SegmentArrays()
            self._local.evaluator = Evaluator(searcher, self._arrays.store)
        return searcher

    def evaluator(self) -> Evaluator:
        self.searcher()
        return self._local.evaluator

    def _close_searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def setup(self):
        self._close_searcher()
        super().setup()

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, spelling_query=None,
               models=None, result_class=None, narrow_queries=None, **kwargs):
        """Haystack's search call. Highlighting and facets are not offered: Artiqo highlights
        stored fields itself (search.highlighting) and counts filters with term_counts."""
        if not self.setup_complete:
            self.setup()
        spelling = self.create_spelling_suggestion(spelling_query) if spelling_query else None
        empty = {"results": [], "hits": 0, "spelling_suggestion": spelling}
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return empty
        reverse = False
        if sort_by:
            directions = {field.startswith("-") for field in sort_by}
            if len(directions) > 1:
                raise ValueError("Whoosh sorts every field in the same direction.")
            reverse = directions == {True}
            sort_by = [field.lstrip("-") for field in sort_by]
        matches = self._matches(query_string, narrow_queries, models)
        if not len(matches.ids):
            return empty
        limit = end_offset if end_offset is not None else len(matches.ids)
        evaluator = self.evaluator()
        docnums, scores = evaluator.ordered(matches, sort_by=sort_by, reverse=reverse, limit=limit)
        page = _StoredPage(evaluator.searcher, docnums[start_offset:], scores[start_offset:], len(matches.ids))
        results = self._process_results(page, result_class=result_class)
        results["spelling_suggestion"] = spelling
        return results

    def _parse(self, query_string: str):
        # Whoosh's parser costs about as much as evaluating a query; the same strings
        # (a filter, a popular search) come back again and again.
        cache = getattr(self._local, "parsed", None)
        if cache is None or getattr(self._local, "parser", None) is not self.parser:
            cache = self._local.parsed = OrderedDict()
            self._local.parser = self.parser
        if query_string not in cache:
            cache[query_string] = self.parser.parse(query_string)
            if len(cache) > PARSED_CACHE_SIZE:
                cache.popitem(last=False)
        return cache[query_string]

    def _matches(self, query_string: str, narrow_queries, models) -> Matches:
        evaluator = self.evaluator()
        matches = evaluator.evaluate(self._parse(str(query_string)))
        # Only one model is indexed, so the stock narrowing by model on every query is
        # skipped unless a caller asks for it; narrowing filters are plain evaluations
        # (their postings stay cached, so "for sale only" costs an intersection).
        queries = set(narrow_queries or ())
        if models:
            queries.add(" OR ".join(f"{DJANGO_CT}:{model._meta.label_lower}" for model in models))
        for query in sorted(queries):
            matches = matches.within(evaluator.evaluate(self._parse(query), within=matches.ids).ids)
        return matches

    def _process_results(self, raw_page, highlight=False, query_string="", spelling_query=None,
                         result_class=None, facet_types=None):
        # The stock version computes a spelling suggestion for every page; ours does it
        # once, in search(), and only when asked.
        include_spelling, self.include_spelling = self.include_spelling, False
        try:
            return super()._process_results(raw_page, result_class=result_class)
        finally:
            self.include_spelling = include_spelling

    def create_spelling_suggestion(self, query_string):
        """The query with each unknown (or rare and close to a common) word replaced.

        Correctly spelt words stay as they are (the stock backend "corrects" every word
        to its nearest neighbour); candidates are ranked by edit distance, then by how
        many documents use them.
        """
        if not self.setup_complete:
            self.setup()
        reader = self.searcher().reader()
        words = [word for word in str(query_string).lower().split() if word]
        return " ".join(self._closest_word(reader, word) for word in words)

    def _document_frequency(self, reader, word: str) -> int:
        field = self.content_field_name
        spell_field = self.schema[field].spelling_fieldname(field)
        stems = [token.text for token in self.schema[field].analyzer(word)]
        stemmed = reader.doc_frequency(field, stems[0]) if stems else 0
        return max(reader.doc_frequency(spell_field, word), stemmed)

    def _closest_word(self, reader, word: str) -> str:
        if not word.isalpha():
            return word
        frequency = self._document_frequency(reader, word)
        if frequency >= RARE_WORD_DOCS:
            return word
        for max_distance in (1, 2):
            candidates = set()
            # MultiReader falls back to a scan of the whole vocabulary; each segment
            # reader walks its word list with a Levenshtein automaton instead.
            for leaf, _offset in reader.leaf_readers():
                candidates.update(
                    leaf.terms_within(self.content_field_name, word, max_distance, prefix=SPELLING_PREFIX)
                )
            candidates.discard(word)
            if candidates:
                ranked = {term: self._document_frequency(reader, term) for term in sorted(candidates)}
                best = max(ranked, key=ranked.get)
                # A rare word that is a real word in a few documents is kept unless a
                # neighbour is far more common (an artist's typo vs the buyer's intent).
                if frequency == 0 or ranked[best] >= frequency * RARE_WORD_RATIO:
                    return best
                return word
        return word

    def matching_ids(self, query_string: str, *, id_field: str, limit: int) -> list[int] | None:
        """Primary keys of every document matching ("*": all), from the numeric `id_field`; None past limit."""
        if query_string == "*":
            matches = self.evaluator().evaluate(Every())
        else:
            matches = self._matches(query_string, None, None)
        if len(matches.ids) > limit:
            return None
        fieldobj = self.schema[id_field]
        values, _ = self.evaluator().column(id_field)
        keys = values[matches.ids].astype(np.int64)
        if fieldobj.signed:
            keys -= 1 << (fieldobj.bits - 1)  # Whoosh shifts signed numbers to sort unsigned
        return keys.tolist()

    def term_counts(self, query_string: str, *, ranges: Iterable = (), narrow: dict[str, str | None],
                    dimensions: dict[str, str]) -> dict[str, dict]:
        """Filter counts from the index: per dimension, how many matching documents hold each term.

        Documents must match `query_string` and the (parsed) `ranges` ((field, low, high), None: open);
        `narrow` maps each
        dimension to its filter query (None: the filter names nothing, so it keeps nothing).
        A dimension (name -> index field in `dimensions`) is counted over the documents
        passing every filter but its own, so a buyer sees what switching it would give.
        Each count is one bincount over the field's term codes (see Evaluator.term_codes).
        """
        evaluator = self.evaluator()
        matches = self._matches(query_string, None, None)
        for fieldname, start, end in ranges:
            found = evaluator.evaluate(NumericRange(fieldname, start, end), within=matches.ids)
            matches = matches.within(found.ids)
        docs = matches.ids
        passes = {
            name: (np.zeros(len(docs), dtype=bool) if query is None
                   else members(docs, evaluator.evaluate(self._parse(query), within=docs).ids))
            for name, query in narrow.items()
        }
        counts = {}
        for name, fieldname in dimensions.items():
            keep = np.ones(len(docs), dtype=bool)
            for other, passed in passes.items():
                if other != name:
                    keep &= passed
            counts[name] = evaluator.term_counts(fieldname, docs[keep])
        return counts

    def rebuild(self, index, objects: Iterable) -> int:
        """Replace every document with `objects` in one writer and one commit.

        Searches keep reading the old generation until the commit swaps in the new one
        (a single, fully merged segment), so a rebuild never empties search for a while.
        """
        if not self.setup_complete:
            self.setup()
        writer = self.index.writer(limitmb=REBUILD_WRITER_MB)
        count = 0
        try:
            for obj in objects:
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    continue
                doc.pop("boost", None)
                writer.add_document(**{key: self._from_python(value) for key, value in doc.items()})
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)
        return count


class ArtiqoWhooshEngine(WhooshEngine):
    backend = ArtiqoWhooshSearchBackend


class _StoredPage:
    """The part of a Whoosh results page that Haystack's result conversion reads."""

    def __init__(self, searcher, docnums, scores, total: int):
        self._searcher, self._docnums, self._scores, self._total = searcher, docnums, scores, total

    def __len__(self) -> int:
        return self._total

    def __iter__(self):
        return (self._searcher.stored_fields(int(docnum)) for docnum in self._docnums)

    def score(self, position: int) -> float:
        return float(self._scores[position])

