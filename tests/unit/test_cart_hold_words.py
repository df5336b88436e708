"""How the cart says until when a held work keeps its price: today, tomorrow, or the date."""
from datetime import UTC, datetime, timedelta

from storefront.basket.selectors import hold_until_words

NOW = datetime(2026, 12, 6, 20, 30, tzinfo=UTC)


def test_a_hold_ending_tomorrow_says_tomorrow_with_the_time():
    assert hold_until_words(NOW + timedelta(hours=24), now=NOW) == "20:30 tomorrow"


def test_a_hold_ending_later_today_says_today():
    assert hold_until_words(NOW + timedelta(hours=2), now=NOW) == "22:30 today"


def test_a_hold_ending_after_tomorrow_names_the_date():
    assert hold_until_words(NOW + timedelta(days=3), now=NOW) == "20:30 on 9 December"
