"""Security headers: the content security policy per area, and inert uploaded media."""
import re

import pytest
from csp.decorators import csp_update
from django.http import HttpResponse
from django.test import RequestFactory

from artiqo.core.security import ArtiqoCSPMiddleware, media_serve

pytestmark = pytest.mark.django_db


def test_public_pages_allow_only_their_own_and_nonced_scripts(client, site_tree):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline' " not in policy.split("style-src")[0]
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    # Every inline script of the page carries this response's nonce (JSON data blocks, which
    # the browser never runs, need none).
    html = response.content.decode()
    data_blocks = len(re.findall(r'<script[^>]*type="application/json"', html))
    assert html.count("<script nonce=") == html.count("<script") - html.count("<script src=") - data_blocks
    assert f'nonce="{nonce}"' in html


def test_the_cms_may_run_its_own_inline_scripts_but_none_from_elsewhere(admin_client):
    policy = admin_client.get("/cms/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "nonce" not in policy


def test_every_page_gets_a_nonce_of_its_own_in_its_policy(client, site_tree):
    first, second = client.get("/"), client.get("/")
    nonces = [response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0] for response in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[1]}"' in second.content.decode()


def test_an_answer_without_inline_scripts_gets_the_policy_without_a_nonce(client):
    policy = client.get("/api/v1/products/products")["Content-Security-Policy"]
    assert re.search(r"script-src 'self'(;|$)", policy) and "nonce" not in policy and "object-src 'none'" in policy


def test_a_view_with_a_policy_of_its_own_gets_it(rf):
    view = csp_update({"img-src": ["https://images.example"]})(lambda request: HttpResponse("ok"))
    policy = ArtiqoCSPMiddleware(view)(rf.get("/"))["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://images.example" in policy


def _media(tmp_path, name: str, content: bytes):
    (tmp_path / name).write_bytes(content)
    return media_serve(RequestFactory().get(f"/media/{name}"), name, document_root=str(tmp_path))


def test_an_uploaded_html_file_downloads_sandboxed_instead_of_running(tmp_path):
    response = _media(tmp_path, "evil.html", b"<script>alert(document.cookie)</script>")
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_uploaded_svg_is_not_shown_inline_either(tmp_path):
    response = _media(tmp_path, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    assert response["Content-Disposition"] == "attachment"


def test_an_uploaded_photo_still_displays_inline_but_sandboxed(tmp_path):
    from tests.factories.catalogue import png_bytes

    response = _media(tmp_path, "work.png", png_bytes())
    assert response["Content-Disposition"].startswith("inline") and response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"].startswith("sandbox;")
