"""The numpy evaluator answers exactly as Whoosh's own matchers do, on the same index."""
from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone
from haystack import connections

from search.query import match_query
from search.services import index_queue_process
from tests.factories.catalogue import make_artwork
from tests.integration.search.test_relevance import FEATURED

QUERIES = [
    match_query(["blue"]),
    match_query(["blue", "ocean"]),
    match_query(["ocean", "poppies"], any_word=True),
    "text:blue ANDNOT text:ocean",
    "(text:ocean AND is_available:true) AND price:[100 to 500]",
    "price:{180 to]",
    "suggest:oc",
    "text:rain OR title:poppies^3",
    match_query(["ocean"], featured_after=timezone.now() - timedelta(days=1)),
]


@pytest.fixture
def backend(catalogue, settings):
    # A deleted and a replaced document leave deletions in the first segment, and the
    # later writes add segments: the evaluator must see what Whoosh sees. Two works get
    # a feature end date (one past) for the date range.
    settings.SEARCH_FEATURED_UNTIL = "tests.integration.search.test_relevance.featured_until_for_tests"
    FEATURED.update({catalogue["blue_door"].pk: timezone.now() + timedelta(days=2),
                     catalogue["ocean_storm"].pk: timezone.now() - timedelta(days=2)})
    catalogue["blue_door"].save()
    catalogue["ocean_storm"].save()
    catalogue["harbour"].delete()
    catalogue["poppies"].title = "Poppies Again"
    catalogue["poppies"].save()
    make_artwork(catalogue["artists"]["ana"], title="Blue Rain", description="Blue rain on the ocean.",
                 with_image=False)
    index_queue_process()
    yield connections["default"].get_backend()
    FEATURED.clear()


@pytest.mark.parametrize("query", QUERIES)
def test_matches_and_scores_are_whooshs_own(backend, query):
    evaluator = backend.evaluator()
    parsed = backend.parser.parse(query)
    ours = evaluator.evaluate(parsed)
    theirs = {hit.docnum: hit.score for hit in evaluator.searcher.search(parsed, limit=None)}

    assert ours.ids.tolist() == sorted(theirs)
    for docnum, score in zip(ours.ids.tolist(), ours.scores.tolist()):
        assert score == pytest.approx(theirs[docnum], rel=1e-5)


@pytest.mark.parametrize("query", QUERIES)
def test_evaluating_within_some_documents_equals_filtering_afterwards(backend, query):
    evaluator = backend.evaluator()
    parsed = backend.parser.parse(query)
    everything = evaluator.evaluate(parsed)
    for within in (everything.ids[::2], np.arange(0, evaluator.doc_count_all, 3), np.empty(0, dtype=np.int64)):
        ours = evaluator.evaluate(parsed, within=within)
        keep = np.isin(everything.ids, within)
        assert ours.ids.tolist() == everything.ids[keep].tolist()
        assert ours.scores == pytest.approx(everything.scores[keep])


def test_sorting_by_a_column_matches_whoosh(backend):
    evaluator = backend.evaluator()
    parsed = backend.parser.parse(match_query(["blue"]))
    for reverse in (False, True):
        ours, _ = evaluator.ordered(evaluator.evaluate(parsed), sort_by=["price"], reverse=reverse, limit=100)
        hits = evaluator.searcher.search(parsed, limit=None, sortedby="price", reverse=reverse)
        theirs = [hit.docnum for hit in hits]
        assert ours.tolist() == theirs
