"""Whoosh query evaluation with numpy: Whoosh's matches and BM25F scores, at C speed.

Whoosh walks posting lists one document at a time in Python. With 100,000 artworks an
AND of two common words took 0.2–0.5 s that way (most of it the Python loop, the rest a
second pass to count the matches). Here each term's postings are read once per segment
(segments never change; their arrays are cached until memory says otherwise) into
numpy arrays, and the query tree becomes array intersections, unions and additions:
AND, OR, ANDMAYBE and ANDNOT of terms, and numeric ranges answered from the sortable
columns. Any other query node (prefix, phrase…) is asked of Whoosh itself and counts
as a constant-score match, as Whoosh scores them.

It relies on Whoosh 2.7.4's segment layout (pinned in requirements.txt); the tests
compare its answers with Whoosh's own matchers on the same index.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.fields import BOOLEAN, DATETIME
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

# Whoosh's BM25F defaults.
B = 0.75
K1 = 1.2
# Postings kept in memory per thread across segments (12 bytes each: id and weight),
# about the hundred most searched terms of a 100,000-work index.
POSTINGS_BUDGET = 3_000_000
# Terms whose index-wide arrays an evaluator (one index generation) keeps.
TERMS_PER_GENERATION = 256
# Answers of queries Whoosh evaluates itself (prefixes, phrases) an evaluator keeps.
FALLBACKS_PER_GENERATION = 64
_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)
_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SCORES = np.empty(0, dtype=np.float64)


@dataclass
class Matches:
    """Sorted, distinct document numbers and their scores."""

    ids: np.ndarray
    scores: np.ndarray

    @classmethod
    def empty(cls) -> Matches:
        return cls(_EMPTY_IDS, _EMPTY_SCORES)

    def within(self, allowed: np.ndarray | None) -> Matches:
        """Only the matches whose ids are in the sorted, distinct `allowed` (all if None)."""
        if allowed is None:
            return self
        keep = _members(self.ids, allowed)
        return Matches(self.ids[keep], self.scores[keep])


class SegmentArrays:
    """Per-segment arrays, keyed by segment id: postings, field lengths, columns."""

    def __init__(self):
        self._postings: OrderedDict = OrderedDict()
        self._size = 0
        self._lengths: dict = {}
        self._columns: dict = {}

    def postings(self, leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings in one segment (deleted documents included): ids and term weights."""
        key = (leaf.segment().segment_id(), fieldname, text)
        cached = self._postings.get(key)
        if cached is not None:
            self._postings.move_to_end(key)
            return cached
        arrays = _read_postings(leaf, fieldname, text)
        self._postings[key] = arrays
        self._size += len(arrays[0])
        while self._size > POSTINGS_BUDGET and len(self._postings) > 1:
            _, (ids, _) = self._postings.popitem(last=False)
            self._size -= len(ids)
        return arrays

    def lengths(self, leaf, fieldname: str) -> np.ndarray:
        """Each document's length in `fieldname` in one segment (0 where the field keeps none)."""
        key = (leaf.segment().segment_id(), fieldname)
        if key not in self._lengths:
            count = leaf.doc_count_all()
            perdoc = leaf._perdoc
            lenfield = _lenfield(fieldname)
            if perdoc.has_column(lenfield):
                raw = _column_array(perdoc.column_reader(lenfield, LENGTHS_COLUMN), count, np.uint8)
                self._lengths[key] = _LENGTHS[raw]
            else:
                self._lengths[key] = np.zeros(count, dtype=np.float64)
        return self._lengths[key]

    def column(self, leaf, fieldname: str, fieldobj) -> tuple[np.ndarray, np.ndarray]:
        """Raw sortable column values (uint64) and whether each document has one."""
        key = (leaf.segment().segment_id(), fieldname)
        if key not in self._columns:
            reader = leaf.column_reader(fieldname, translate=False)
            values = _column_array(reader, leaf.doc_count_all(), np.uint64)
            # Whoosh writes the column's default for documents without the field.
            self._columns[key] = (values, values != np.uint64(fieldobj.column_type.default_value()))
        return self._columns[key]

    def forget_except(self, segment_ids: set[str]) -> None:
        """Drop the arrays of segments merged away."""
        for store in (self._lengths, self._columns):
            for key in [key for key in store if key[0] not in segment_ids]:
                del store[key]
        for key in [key for key in self._postings if key[0] not in segment_ids]:
            self._size -= len(self._postings.pop(key)[0])


def _column_array(reader, count: int, dtype) -> np.ndarray:
    """A numeric column as an array: its bytes in one read (Whoosh 2.7's NumericColumn
    layout: big-endian values, the default for documents past the written ones)."""
    if all(hasattr(reader, name) for name in ("_dbfile", "_basepos", "_count", "_typecode", "_default")):
        raw = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
        values = np.frombuffer(raw, dtype=np.dtype(">" + reader._typecode)).astype(dtype)
        if len(values) < count:
            values = np.concatenate([values, np.full(count - len(values), reader._default, dtype=dtype)])
        return values
    return np.fromiter(reader, dtype=dtype, count=count)


def _read_postings(leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return _EMPTY_IDS, np.empty(0, dtype=np.float32)
    if isinstance(matcher, FilterMatcher):
        # Deleted documents are removed per generation instead (see Evaluator).
        matcher = matcher.child
    ids: list = []
    weights: list = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        # A whole block of postings at a time (Whoosh 2.7's W3LeafMatcher).
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


class Evaluator:
    """Evaluates parsed Whoosh queries against one searcher (one index generation)."""

    def __init__(self, searcher, arrays: SegmentArrays):
        self.searcher = searcher
        self.schema = searcher.schema
        self.arrays = arrays
        # An index with no documents yet reads through Whoosh's EmptyReader, which has no segment.
        self.leaves = [
            (leaf, offset) for leaf, offset in searcher.reader().leaf_readers() if leaf.segment() is not None
        ]
        self.doc_count_all = searcher.doc_count_all()
        arrays.forget_except({leaf.segment().segment_id() for leaf, _ in self.leaves})
        # Deleted documents per segment (by its offset), and all of them in index-wide numbers.
        self._deleted = {
            offset: np.fromiter(sorted(leaf.segment().deleted_docs()), dtype=np.int64) if leaf.has_deletions()
            else _EMPTY_IDS
            for leaf, offset in self.leaves
        }
        self._deleted_ids = np.concatenate([docs + offset for offset, docs in self._deleted.items()] or [_EMPTY_IDS])
        self._lengths: dict[str, np.ndarray] = {}
        self._columns: dict[str, np.ndarray] = {}
        self._fallbacks: OrderedDict = OrderedDict()
        self._terms: OrderedDict = OrderedDict()
        self._term_codes: dict[str, tuple[list, np.ndarray, np.ndarray]] = {}

    # Whole-index arrays (this generation) -------------------------------------------

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in `fieldname`, by index-wide document number."""
        if fieldname not in self._lengths:
            parts = [self.arrays.lengths(leaf, fieldname) for leaf, _ in self.leaves]
            self._lengths[fieldname] = np.concatenate(parts) if parts else _EMPTY_SCORES
        return self._lengths[fieldname]

    def column(self, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
        """Every document's raw sortable value of `fieldname`, and whether it has one."""
        if fieldname not in self._columns:
            fieldobj = self.schema[fieldname]
            parts = [self.arrays.column(leaf, fieldname, fieldobj) for leaf, _ in self.leaves]
            self._columns[fieldname] = (
                np.concatenate([values for values, _ in parts]) if parts else np.empty(0, dtype=np.uint64),
                np.concatenate([present for _, present in parts]) if parts else np.empty(0, dtype=bool),
            )
        return self._columns[fieldname]

    def term_codes(self, fieldname: str) -> tuple[list, np.ndarray, np.ndarray]:
        """A field's terms (as Python values) and its postings as parallel arrays:
        index-wide document numbers and each posting's term code (position in the terms).

        Read once per generation; filter fields hold a few hundred terms at most.
        Deleted documents stay in (they are never among the documents counted).
        """
        if fieldname not in self._term_codes:
            fieldobj = self.schema[fieldname]
            terms, ids, codes = [], [], []
            for text in self.searcher.reader().lexicon(fieldname):
                parts = [self.arrays.postings(leaf, fieldname, text)[0] + offset for leaf, offset in self.leaves]
                found = np.concatenate(parts) if parts else _EMPTY_IDS
                ids.append(found)
                codes.append(np.full(len(found), len(terms), dtype=np.int64))
                # Whoosh's BOOLEAN cannot read its own terms back (b"t" / b"f").
                terms.append(text == b"t" if isinstance(fieldobj, BOOLEAN) else fieldobj.from_bytes(text))
            self._term_codes[fieldname] = (
                terms, np.concatenate(ids) if ids else _EMPTY_IDS, np.concatenate(codes) if codes else _EMPTY_IDS,
            )
        return self._term_codes[fieldname]

    def term_counts(self, fieldname: str, docs: np.ndarray) -> dict:
        """How many of the documents `docs` hold each term of `fieldname` (terms held by none left out)."""
        if fieldname not in self.schema or not len(docs):
            return {}
        terms, ids, codes = self.term_codes(fieldname)
        chosen = np.zeros(self.doc_count_all, dtype=bool)
        chosen[docs] = True
        tally = np.bincount(codes[chosen[ids]], minlength=len(terms))
        return {terms[code]: int(tally[code]) for code in np.flatnonzero(tally)}

    # Query nodes -----------------------------------------------------------------

    def evaluate(self, query, within: np.ndarray | None = None) -> Matches:
        """The documents matching `query` (only those in the sorted `within`, if given)."""
        if query is None or isinstance(query, type(wq.NullQuery)):
            return Matches.empty()
        if type(query) is wq.Term:
            return self._term(query, within)
        if type(query) in (wq.And, wq.Or, wq.AndMaybe, wq.AndNot):
            return self._compound(query, within)
        if type(query) is wq.NumericRange and self._has_column(query.fieldname):
            return self._numeric_range(query).within(within)
        if type(query) is wq.Every and query.fieldname in (None, "", "*"):
            ids = np.arange(self.doc_count_all, dtype=np.int64) if within is None else within
            ids = ids[self._is_alive(ids)]
            return Matches(ids, np.full(len(ids), float(query.boost)))
        return self._fallback(query).within(within)

    def _compound(self, query, within: np.ndarray | None) -> Matches:
        # Each step hands the documents still possible to the next one, so a query costs
        # about what its rarest required term costs, not its commonest optional one.
        if type(query) is wq.AndMaybe:
            matches = self.evaluate(query.a, within)
            matches = _and_maybe(matches, self.evaluate(query.b, matches.ids))
        elif type(query) is wq.AndNot:
            required = self.evaluate(query.a, within)
            excluded = self.evaluate(query.b, required.ids)
            keep = ~_members(required.ids, excluded.ids)
            matches = Matches(required.ids[keep], required.scores[keep])
        elif type(query) is wq.And:
            matches = None
            for sub in sorted(query.subqueries, key=self._estimated_size):
                part = self.evaluate(sub, within if matches is None else matches.ids)
                matches = part if matches is None else _intersect(matches, part)
                if not len(matches.ids):
                    break
            matches = matches or Matches.empty()
        else:
            matches = Matches.empty()
            for sub in query.subqueries:
                matches = _union(matches, self.evaluate(sub, within))
        if query.boost != 1.0:
            matches = Matches(matches.ids, matches.scores * query.boost)
        return matches

    def _postings(self, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
        """A term's live postings across segments, in index-wide document numbers."""
        key = (fieldname, text)
        cached = self._terms.get(key)
        if cached is not None:
            self._terms.move_to_end(key)
            return cached
        parts, weights = [], []
        for leaf, offset in self.leaves:
            ids, leaf_weights = self.arrays.postings(leaf, fieldname, text)
            deleted = self._deleted[offset]
            if len(deleted) and len(ids):
                keep = ~_members(ids, deleted)
                ids, leaf_weights = ids[keep], leaf_weights[keep]
            parts.append(ids + offset if offset else ids)
            weights.append(leaf_weights)
        if len(parts) == 1:  # one segment: share the segment's arrays, no copy
            cached = (parts[0], weights[0])
        else:
            cached = (np.concatenate(parts), np.concatenate(weights)) if parts else (_EMPTY_IDS, _EMPTY_SCORES)
        self._terms[key] = cached
        if len(self._terms) > TERMS_PER_GENERATION:
            self._terms.popitem(last=False)
        return cached

    def _estimated_size(self, query) -> float:
        if type(query) is wq.Term and query.fieldname in self.schema:
            text = query.text if isinstance(query.text, bytes) else self.schema[query.fieldname].to_bytes(query.text)
            return self.searcher.doc_frequency(query.fieldname, text)
        return math.inf

    def _term(self, query, within: np.ndarray | None) -> Matches:
        fieldname = query.fieldname
        if fieldname not in self.schema:
            return Matches.empty()
        fieldobj = self.schema[fieldname]
        text = fieldobj.to_bytes(query.text) if not isinstance(query.text, bytes) else query.text
        ids, tf = self._postings(fieldname, text)
        if within is not None:
            keep = _members(ids, within)
            ids, tf = ids[keep], tf[keep]
        if not len(ids):
            return Matches.empty()
        tf = tf.astype(np.float64)
        if not fieldobj.scorable:
            return Matches(ids, tf * query.boost)
        idf = math.log(self.doc_count_all / (self.searcher.doc_frequency(fieldname, text) + 1)) + 1
        avg = self.searcher.avg_field_length(fieldname) or 1
        lengths = self.lengths(fieldname)[ids]
        scores = idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / avg))
        return Matches(ids, scores * query.boost)

    def _has_column(self, fieldname: str) -> bool:
        return fieldname in self.schema and self.schema[fieldname].column_type is not None

    def _numeric_range(self, query) -> Matches:
        # Comparisons on the sortable column (documents without a value never match);
        # Whoosh scores a range as a constant (its boost).
        fieldobj = self.schema[query.fieldname]
        values, keep = self.column(query.fieldname)
        keep = keep.copy()
        if query.start is not None:
            start = _column_bound(fieldobj, query.start)
            keep &= values > start if query.startexcl else values >= start
        if query.end is not None:
            end = _column_bound(fieldobj, query.end)
            keep &= values < end if query.endexcl else values <= end
        ids = np.flatnonzero(keep).astype(np.int64)
        ids = ids[self._is_alive(ids)]
        return Matches(ids, np.full(len(ids), float(query.boost)))

    def _is_alive(self, ids: np.ndarray) -> np.ndarray:
        return ~_members(ids, self._deleted_ids)

    def _fallback(self, query) -> Matches:
        key = repr(query)
        cached = self._fallbacks.get(key)
        if cached is None:
            ids = np.fromiter(sorted(self.searcher.docs_for_query(query)), dtype=np.int64)
            cached = self._fallbacks[key] = ids
            if len(self._fallbacks) > FALLBACKS_PER_GENERATION:
                self._fallbacks.popitem(last=False)
        return Matches(cached, np.full(len(cached), float(getattr(query, "boost", 1.0))))

    # Results ---------------------------------------------------------------------

    def ordered(self, matches: Matches, *, sort_by: list[str] | None, reverse: bool,
                limit: int) -> tuple[np.ndarray, np.ndarray]:
        """The first `limit` matches (document numbers, scores): best score first, or by columns."""
        ids, scores = matches.ids, matches.scores
        if not len(ids):
            return _EMPTY_IDS, _EMPTY_SCORES
        if sort_by:
            keys = [ids]  # ties: lowest document number first, as Whoosh
            top = np.iinfo(np.uint64).max
            for fieldname in reversed(sort_by):
                values, present = self.column(fieldname)
                values, present = values[ids], present[ids]
                keys.append(top - values if reverse else values)
                keys.append(~present)  # missing values last, in either direction
            order = np.lexsort(keys)[:limit]
            return ids[order], scores[order]
        if len(ids) > limit * 4:
            # Only the best `limit` need sorting: keep everything scoring at least the
            # limit-th best score (ties included, so the page never depends on luck).
            threshold = np.partition(scores, len(ids) - limit)[len(ids) - limit]
            keep = scores >= threshold
            ids, scores = ids[keep], scores[keep]
        order = np.lexsort((ids, -scores))[:limit]
        return ids[order], scores[order]


def _column_bound(fieldobj, value) -> np.uint64:
    # A parsed date range already holds the long a DATETIME column stores; other numbers
    # go through the field's sortable encoding, as their column values did.
    if isinstance(fieldobj, DATETIME):
        return np.uint64(value if isinstance(value, int) else fieldobj.to_column_value(value))
    return np.uint64(fieldobj.to_column_value(value))


def _members(ids: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """For sorted distinct `ids`, whether each is in sorted distinct `allowed` (binary search
    from the shorter side)."""
    found = np.zeros(len(ids), dtype=bool)
    if not len(ids) or not len(allowed):
        return found
    if len(allowed) < len(ids):
        positions = np.searchsorted(ids, allowed)
        inside = positions < len(ids)
        positions, candidates = positions[inside], allowed[inside]
        found[positions[ids[positions] == candidates]] = True
        return found
    positions = np.searchsorted(allowed, ids)
    inside = positions < len(allowed)
    found[inside] = allowed[positions[inside]] == ids[inside]
    return found


def _intersect(a: Matches, b: Matches) -> Matches:
    common, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Matches(common, a.scores[ia] + b.scores[ib])


def _union(a: Matches, b: Matches) -> Matches:
    if not len(a.ids):
        return b
    if not len(b.ids):
        return a
    ids = np.union1d(a.ids, b.ids)
    scores = np.zeros(len(ids), dtype=np.float64)
    scores[np.searchsorted(ids, a.ids)] += a.scores
    scores[np.searchsorted(ids, b.ids)] += b.scores
    return Matches(ids, scores)


def _and_maybe(required: Matches, optional: Matches) -> Matches:
    if not len(required.ids) or not len(optional.ids):
        return required
    positions = np.searchsorted(optional.ids, required.ids)
    inside = positions < len(optional.ids)
    found = np.zeros(len(required.ids), dtype=bool)
    found[inside] = optional.ids[positions[inside]] == required.ids[inside]
    scores = required.scores.copy()
    scores[found] += optional.scores[positions[found]]
    return Matches(required.ids, scores)


# For callers outside this module (filter counts in search.backends).
members = _members
