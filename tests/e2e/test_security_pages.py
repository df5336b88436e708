"""The content security policy in a real browser: public pages, the API docs and the CMS run clean."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_swagger_ui_renders_the_api_under_the_content_security_policy(page, checkpoint):
    response = page.goto("/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("Artiqo API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    checkpoint(page, "swagger-ui")
