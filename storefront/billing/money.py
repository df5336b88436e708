"""Money arithmetic of billing: rounding to the currency's minor unit and commission maths."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from storefront.payment.gateway import ZERO_DECIMAL_CURRENCIES

HUNDRED = Decimal("100")


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of the currency: 0.01, or 1 for currencies without cents (JPY...)."""
    return Decimal("1") if currency.upper() in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")


def money_round(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half up (away from zero on .5) to the currency's minor unit."""
    if not isinstance(amount, Decimal):
        raise TypeError("money must be a Decimal")
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def fee_compute(*, gross: Decimal, rate_percent: Decimal, currency: str) -> Decimal:
    """The platform commission on `gross` at `rate_percent` %, rounded to the minor unit."""
    return money_round(gross * rate_percent / HUNDRED, currency)


def amount_split(*, total: Decimal, weights: list[Decimal], currency: str) -> list[Decimal]:
    """`total` shared in proportion to `weights`, rounded, the last share taking the rounding rest.

    Used to spread an order-level cost (the payment provider's fee) over its lines so the
    shares always add up to the total exactly.
    """
    if not weights:
        return []
    weight_sum = sum(weights, Decimal("0"))
    shares = []
    for weight in weights[:-1]:
        share = money_round(total * weight / weight_sum, currency) if weight_sum else Decimal("0")
        shares.append(share)
    shares.append(money_round(total - sum(shares, Decimal("0")), currency))
    return shares


def reversal_of_sale(*, gross: Decimal, fee: Decimal, refunded: Decimal, paid: Decimal,
                     currency: str) -> tuple[Decimal, Decimal]:
    """(gross, fee) of a sale that a refund of `refunded` in all, out of a payment of `paid`, reverses."""
    return money_round(gross * refunded / paid, currency), money_round(fee * refunded / paid, currency)
