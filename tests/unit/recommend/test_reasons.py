"""The sentences shown with recommended works."""
from types import SimpleNamespace

from recommend.reasons import because_text, more_by_text, more_like_text


def artwork(vibe=None, medium="", artist=None):
    return SimpleNamespace(
        vibe=SimpleNamespace(name=vibe) if vibe else None, vibe_id=1 if vibe else None, medium=medium,
        artist=SimpleNamespace(name=artist) if artist else None, artist_id=1 if artist else None,
    )


def test_the_reason_says_what_the_buyer_did_with_the_work():
    assert because_text(event_kind="order", title="Harbour at Dusk") == "because you bought Harbour at Dusk"
    assert because_text(event_kind="view", title="Harbour at Dusk") == "because you viewed Harbour at Dusk"
    assert because_text(event_kind="wishlist", title="Quiet Bay") == "because you saved Quiet Bay"
    assert because_text(event_kind="cart", title="Quiet Bay") == "because you put Quiet Bay in your cart"


def test_more_like_names_vibe_and_medium_in_plain_words():
    assert more_like_text(artwork=artwork("Calm", "watercolour")) == "more calm watercolours"
    assert more_like_text(artwork=artwork("Bold", "printmaking")) == "more bold prints"
    assert more_like_text(artwork=artwork(None, "oil")) == "more oils"
    assert more_like_text(artwork=artwork("Dreamy", "")) == "more dreamy works"


def test_more_by_names_the_artist():
    assert more_by_text(artwork=artwork(artist="Mira Solberg")) == "more by Mira Solberg"
