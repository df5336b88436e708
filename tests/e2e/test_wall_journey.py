"""Fits my wall in the browser at phone width: the work drawn to scale on the buyer's wall, kept for the session."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Distinct colours on the canvas: a wall of one colour alone would be 1.
_COLOURS = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 4 * 97) seen.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
  return seen.size;
}"""


def test_a_phone_visitor_sees_a_work_on_their_wall_and_the_wall_is_kept(page, storefront_catalogue, checkpoint):
    page.set_viewport_size(PHONE)
    harbour = storefront_catalogue["works"]["harbour"]  # 30 × 40.5 cm
    page.goto(harbour.get_absolute_url())
    view = page.locator("[data-wall-view]")
    expect(view.get_by_role("heading", name="View on a wall")).to_be_visible()
    canvas = view.locator("canvas")
    expect(canvas).to_be_visible()
    assert canvas.evaluate(_COLOURS) > 3  # wall, floor line, sofa, the work
    view.get_by_label("Wall width").fill("200")
    view.get_by_label("Wall height").fill("240")
    view.locator("select[name=companion]").select_option("person")
    expect(view.locator("[data-wall-caption]")).to_have_text(re.compile(r"Wall 200 × 240 cm, work 30 × 40.5 cm"))
    page.set_viewport_size(DESKTOP)
    checkpoint(page, "view-on-a-wall")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # Another work, the same session: the wall the visitor entered is still theirs.
    page.goto(storefront_catalogue["works"]["fjord"].get_absolute_url())
    page.goto(harbour.get_absolute_url())
    expect(page.locator("[data-wall-view]").get_by_label("Wall width")).to_have_value("200")


def test_browse_narrows_to_works_that_fit_the_wall(page, storefront_catalogue):
    page.set_viewport_size(PHONE)
    page.goto("/shop/catalogue/")
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Width").fill("35")
    page.get_by_label("Height", exact=True).fill("50")
    page.get_by_role("button", name=re.compile("Apply|Show", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"wall_width=35"))
    expect(page.locator("li.art-card")).to_have_count(1)
    expect(page.locator("li.art-card").first).to_contain_text("Harbour at Dusk")
