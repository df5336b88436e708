"""The page walker finds every CMS view Artiqo registers (no browser): a new one is walked, not forgotten."""
import pytest
from wagtail import hooks

from tests.e2e.test_every_page import NOT_PAGES, _cms_routes, _is_artiqo

# No rows are read; the mark only gives the e2e fixtures (tests/e2e/conftest.py) the database they set up.
pytestmark = pytest.mark.django_db


def _registered_names() -> set[str]:
    names = set()
    for register in hooks.get_hooks("register_admin_viewset"):
        if not _is_artiqo(register):
            continue
        registered = register()
        for viewset in getattr(registered, "registerables", None) or [registered]:
            names |= {f"{viewset.url_namespace}:{pattern.name}" for pattern in viewset.get_urlpatterns()}
    for register in hooks.get_hooks("register_admin_urls"):
        if _is_artiqo(register):
            names |= {pattern.name for pattern in register() if pattern.name}
    return {name for name in names if not NOT_PAGES.search(name)}


def test_the_walker_reads_every_artiqo_cms_view_from_the_url_map():
    registered = _registered_names()
    walked = {name for name, _model, _needs_pk in _cms_routes()}
    assert {"artist_applications:index", "artist_applications:edit", "billing_revenue_report",
            "recommend_report"} <= registered
    assert registered <= walked, f"not walked: {sorted(registered - walked)}"
