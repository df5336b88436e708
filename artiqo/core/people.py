"""How a person is named wherever the shop shows them: emails, the studio, commissions, the CMS.

A buyer gives their name when signing up (web and API). Accounts made before that, or by an
admin without one, fall back to their email address: Oscar's web sign-up used to make up a
random username ("Okcdtgfz_VEQnWdF…"), which names nobody, so the username comes last.
"""
from __future__ import annotations


def person_name(user) -> str:
    """The user's full name, else their email address, else their username ("" for nobody)."""
    if user is None:
        return ""
    return user.get_full_name().strip() or (user.email or "").strip() or user.get_username()


def order_buyer_name(order) -> str:
    """Who placed an order: the account's name, else the name on its shipping address."""
    user = order.user
    name = user.get_full_name().strip() if user is not None else ""
    if not name and order.shipping_address is not None:
        name = order.shipping_address.name.strip()
    return name or person_name(user) or (order.guest_email or "")
