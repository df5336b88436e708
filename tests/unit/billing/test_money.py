"""Commission maths: Decimal, half-up rounding to the currency's minor unit, exact splits."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from storefront.billing.money import amount_split, fee_compute, money_round
from storefront.billing.services.subscriptions import month_add

D = Decimal


@pytest.mark.parametrize(
    ("gross", "rate", "currency", "fee"),
    [
        (D("120.00"), D("15"), "USD", D("18.00")),
        (D("10.10"), D("15"), "USD", D("1.52")),      # 1.515 rounds half up, not to even
        (D("10.30"), D("15"), "USD", D("1.55")),      # 1.545 → 1.55 (banker's rounding would say 1.54)
        (D("0.03"), D("15"), "USD", D("0.00")),       # 0.0045 → 0.00
        (D("99.99"), D("12.5"), "EUR", D("12.50")),   # 12.49875 → 12.50
        (D("333.33"), D("7.25"), "USD", D("24.17")),  # 24.1664... → 24.17
        (D("1015"), D("15"), "JPY", D("152")),        # yen have no minor unit: 152.25 → 152
        (D("1010"), D("15"), "JPY", D("152")),        # 151.5 → 152
        (D("250.00"), D("0"), "USD", D("0.00")),
        (D("250.00"), D("100"), "USD", D("250.00")),
    ],
)
def test_the_commission_is_rounded_half_up_to_the_currencys_smallest_coin(gross, rate, currency, fee):
    assert fee_compute(gross=gross, rate_percent=rate, currency=currency) == fee


def test_money_must_be_a_decimal_never_a_float():
    with pytest.raises(TypeError):
        money_round(1.515, "USD")


def test_negative_amounts_round_away_from_zero_like_their_positive_twin():
    assert money_round(D("-1.515"), "USD") == D("-1.52")


def test_an_order_level_cost_spread_over_lines_adds_up_to_the_cost_exactly():
    shares = amount_split(total=D("1.00"), weights=[D("1"), D("1"), D("1")], currency="USD")
    assert shares == [D("0.33"), D("0.33"), D("0.34")]
    assert sum(shares) == D("1.00")


def test_a_cost_is_spread_in_proportion_to_line_prices():
    assert amount_split(total=D("3.90"), weights=[D("100.00"), D("200.00")], currency="USD") == [D("1.30"), D("2.60")]


def test_a_monthly_period_ends_on_the_same_day_next_month_or_the_months_last_day():
    jan31 = datetime(2026, 1, 31, 10, 30, tzinfo=UTC)
    assert month_add(jan31) == datetime(2026, 2, 28, 10, 30, tzinfo=UTC)
    assert month_add(datetime(2026, 12, 15, tzinfo=UTC)) == datetime(2027, 1, 15, tzinfo=UTC)
    assert month_add(datetime(2028, 1, 31, tzinfo=UTC)) == datetime(2028, 2, 29, tzinfo=UTC)
