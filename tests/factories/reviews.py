"""Orders a buyer received (paid, then shipped by the artist), and reviews of them."""
from storefront.catalogue.reviews.services import review_create
from studio.services import order_lines_ship
from tests.factories.studio import make_paid_order


def make_received_order(buyer, *artworks):
    """An order of these works, paid and then marked shipped by each work's artist."""
    order = make_paid_order(buyer, *artworks)
    for artwork in artworks:
        lines = [line.pk for line in order.lines.filter(product=artwork)]
        order_lines_ship(artist=artwork.artist, order=order, line_ids=lines, notify=False)
    return order


def make_review(buyer, artwork, *, score: int = 5, body: str = "Even better on the wall than on screen."):
    """A buyer receives the work and reviews it."""
    make_received_order(buyer, artwork)
    return review_create(user=buyer, product_id=artwork.pk, score=score, body=body)
