"""The headless storefront: /api/v2/ serves pages with their StreamField sections and images with renditions."""
import io
from decimal import Decimal

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from storefront.cms.models import CollectionPage, EditorialPage, HomePage
from storefront.cms.services import site_tree_ensure
from tests.factories.billing import make_feature
from tests.factories.catalogue import make_artwork, make_vibe

pytestmark = pytest.mark.django_db
D = Decimal


def make_image(title="Harbour", size=(1800, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.jpg"))


@pytest.fixture
def home(site_tree):
    return HomePage.objects.get()


def _publish(page):
    page.save_revision().publish()
    return page


def test_the_pages_listing_shows_the_site_tree(client, home, artist):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    types = {item["meta"]["type"] for item in response.json()["items"]}
    assert {"cms.HomePage", "artists.ArtistIndexPage", "artists.ArtistPage"} <= types


def test_the_home_page_serves_its_hero_featured_works_and_sections(client, home, artist, other_artist):
    on_sale = make_artwork(artist, title="On sale", price=D("250.00"))
    sold = make_artwork(artist, title="Sold one")
    sold.stockrecords.update(num_in_stock=0)
    featured = make_artwork(other_artist, title="Featured one")
    make_feature(featured, label="Editor's pick")
    home.hero_title = "Find the piece that feels like you"
    home.hero_image = make_image()
    home.body = [
        ("artworks", {"heading": "Picked for you", "text": "", "artworks": [sold, on_sale]}),
        ("artists", {"heading": "Meet them", "text": "", "artists": [other_artist, artist]}),
        ("paragraph", "<p>Local art, fairly sold.</p>"),
    ]
    _publish(home)

    data = client.get(f"/api/v2/pages/{home.pk}/").json()
    assert data["hero_title"] == "Find the piece that feels like you"
    assert data["hero_image_wide"]["width"] == 1600 and data["hero_image_wide"]["url"].endswith(".jpg")
    assert [card["title"] for card in data["featured_artworks"]] == ["Featured one"]
    assert data["featured_artworks"][0]["is_featured"] is True
    picked, artists, paragraph = data["body"]
    assert picked["type"] == "artworks" and picked["value"]["heading"] == "Picked for you"
    # The sold work drops out by itself; the one for sale keeps its price and images.
    assert [(card["title"], card["price"]) for card in picked["value"]["items"]] == [("On sale", "250.00")]
    assert picked["value"]["items"][0]["images"][0]["thumbnail"].startswith("http://testserver/")
    assert [card["name"] for card in artists["value"]["items"]] == [other_artist.name, artist.name]
    assert paragraph["value"] == "<p>Local art, fairly sold.</p>"


def test_a_collection_by_rule_serves_dreamy_works_under_300(client, home, artist):
    dreamy, calm = make_vibe("dreamy"), make_vibe("calm")
    make_artwork(artist, title="Dreamy and cheap", vibe=dreamy, price=D("280.00"))
    make_artwork(artist, title="Dreamy and dear", vibe=dreamy, price=D("300.01"))
    make_artwork(artist, title="Calm and cheap", vibe=calm, price=D("100.00"))
    sold = make_artwork(artist, title="Dreamy but sold", vibe=dreamy, price=D("90.00"))
    sold.stockrecords.update(num_allocated=1)
    collection = CollectionPage(title="Dreamy works under 300", slug="dreamy-under-300", selection="rule",
                                rule_vibe=dreamy, rule_max_price=D("300.00"))
    home.add_child(instance=collection)

    data = client.get(f"/api/v2/pages/{collection.pk}/").json()
    assert data["rule_vibe_slug"] == "dreamy" and data["rule_max_price"] == "300.00"
    assert [card["title"] for card in data["artworks"]] == ["Dreamy and cheap"]


def test_a_hand_picked_collection_keeps_the_editors_order_without_sold_works(client, home, artist):
    first, second, gone = (make_artwork(artist, title=t) for t in ("First", "Second", "Gone"))
    gone.stockrecords.update(num_in_stock=0)
    collection = CollectionPage(title="Picks", slug="picks", selection="hand",
                                picked_artworks=[("artwork", second), ("artwork", gone), ("artwork", first)])
    home.add_child(instance=collection)
    data = client.get(f"/api/v2/pages/{collection.pk}/").json()
    assert [card["title"] for card in data["artworks"]] == ["Second", "First"]


def test_an_editorial_page_serves_its_body(client, home):
    about = EditorialPage(title="How it works", slug="how-it-works", intro="Buy from the artist.",
                          body=[("heading", "Three steps"), ("paragraph", "<p>Pick, pay, hang.</p>")])
    home.add_child(instance=about)
    listing = client.get("/api/v2/pages/?type=cms.EditorialPage&fields=intro,body").json()
    (item,) = listing["items"]
    assert item["intro"] == "Buy from the artist."
    assert [block["type"] for block in item["body"]] == ["heading", "paragraph"]


def test_page_details_cost_the_same_queries_for_more_chosen_works(client, home, artist,
                                                                  django_assert_max_num_queries):
    works = [make_artwork(artist) for _ in range(8)]
    home.body = [("artworks", {"heading": "Two", "text": "", "artworks": works[:2]})]
    _publish(home)
    with django_assert_max_num_queries(60) as few:
        client.get(f"/api/v2/pages/{home.pk}/")
    home.body = [("artworks", {"heading": "Eight", "text": "", "artworks": works})]
    _publish(home)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"/api/v2/pages/{home.pk}/").json()["body"][0]["value"]["items"]) == 8


def test_images_come_with_ready_made_renditions(client, db):
    image = make_image("Studio wall")
    listing = client.get("/api/v2/images/").json()
    assert listing["items"][0]["thumbnail"]["width"] == 400
    detail = client.get(f"/api/v2/images/{image.pk}/").json()
    assert detail["wide"]["width"] == 1600 and detail["meta"]["download_url"].endswith(".jpg")


def test_the_content_api_is_read_only(client, home):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{home.pk}/").status_code == 405


def test_unknown_pages_and_bad_filters_are_answered_4xx_not_500(client, home):
    assert client.get("/api/v2/pages/999999/").status_code == 404
    assert client.get("/api/v2/pages/?type=nope.Nope").status_code == 400
    assert client.get("/api/v2/pages/?fields=not_a_field").status_code == 400
    assert client.get("/api/v2/pages/?limit=abc").status_code == 400
    assert client.get("/api/v2/documents/").status_code == 200


def test_draft_pages_are_not_served(client, home):
    draft = EditorialPage(title="Secret", slug="secret", live=False)
    home.add_child(instance=draft)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_the_content_api_links_lead_to_the_shop_on_the_port_it_is_served_on(client, settings, site_tree):
    settings.SITE_URL = "http://127.0.0.1:8123"
    site_tree_ensure()  # as `make run` does on every start
    pages = client.get("/api/v2/pages/").json()["items"]
    assert pages
    for page in pages:
        assert page["meta"]["detail_url"].startswith("http://127.0.0.1:8123/api/v2/pages/")
        assert page["meta"]["html_url"].startswith("http://127.0.0.1:8123/")
