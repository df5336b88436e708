"""CSRF: every form of the site carries the token, and a post without it is refused."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _post_forms():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "emails" in path.parts:
            continue
        for form in re.findall(r"<form\b.*?</form>", path.read_text(), flags=re.S | re.I):
            if re.search(r'method=["\']?post', form, flags=re.I):
                yield path.relative_to(TEMPLATES), form


def test_every_post_form_in_the_templates_carries_the_csrf_token():
    forms = list(_post_forms())
    assert len(forms) > 20  # the scan sees the site's forms
    assert [str(path) for path, form in forms if "{% csrf_token %}" not in form] == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/shop/accounts/login/", "/shop/basket/add/1/", "/shop/checkout/preview/",
                                 "/special-orders/1/accept/", "/studio/artworks/new/", "/cms/login/"])
def test_a_post_without_the_csrf_token_is_refused(url, buyer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    assert client.post(url, {"anything": "1"}).status_code == 403


@pytest.mark.django_db
def test_the_api_with_a_browser_session_needs_the_csrf_token_too(buyer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    response = client.post(f"/api/v1/cart/{buyer.pk}/add", {"product_id": 1, "quantity": 1},
                           content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["error"]["message"]
