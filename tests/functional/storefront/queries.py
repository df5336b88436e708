"""Query-count helpers: a page must cost the same number of SQL queries however much it lists."""
from artiqo.core.cache import cache_version_bump


def page_queries(client, url: str, assert_max_num_queries, most: int) -> int:
    """SQL queries of one GET of `url` with the catalogue's cache cold, at most `most`.

    A warm-up GET fills per-process caches (Wagtail's site paths…); bumping the catalogue's
    version (artiqo.core.cache) then makes the measured GET read every list afresh, as
    the first visitor after a change does. The same GET once more, warm, costs no more.
    """
    assert client.get(url).status_code == 200
    cache_version_bump()
    with assert_max_num_queries(most) as captured:
        response = client.get(url)
    assert response.status_code == 200
    with assert_max_num_queries(most) as warm:
        assert client.get(url).status_code == 200
    assert len(warm.captured_queries) <= len(captured.captured_queries), url
    return len(captured.captured_queries)


def assert_same_queries_as_it_grows(client, urls: list[str], *, grow, small: int, large: int,
                                    assert_max_num_queries, most: int) -> dict:
    """Build `small` rows with `grow(n)`, count each URL's queries, grow to `large`, count again: equal."""
    grow(small)
    before = {url: page_queries(client, url, assert_max_num_queries, most) for url in urls}
    grow(large - small)
    after = {url: page_queries(client, url, assert_max_num_queries, most) for url in urls}
    assert after == before, f"queries grew with the rows: {before} -> {after}"
    return after
