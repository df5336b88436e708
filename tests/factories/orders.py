"""Builders for carts, addresses and orders, through Oscar's basket and the order service."""
from oscar.core.loading import get_class, get_model

from storefront.order.services import order_place

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
Selector = get_class("partner.strategy", "Selector")


def make_country(code: str = "NO", name: str = "Norway"):
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2=code, defaults={"iso_3166_1_a3": code + "X", "iso_3166_1_numeric": "000",
                                      "printable_name": name, "name": name, "is_shipping_country": True}
    )
    return country


def address_data(**overrides) -> dict:
    make_country()
    data = {"first_name": "Ada", "last_name": "Byron", "line1": "Strandkaien 3", "line4": "Bergen",
            "postcode": "5013", "country": "NO", "phone_number": ""}
    data.update(overrides)
    return data


def make_user_address(user, *, default: bool = True, **overrides):
    data = address_data(**overrides)
    country = Country.objects.get(pk=data.pop("country"))
    data.pop("phone_number", None)
    return UserAddress.objects.create(user=user, country=country, is_default_for_shipping=default, **data)


def make_basket(user, *artworks, quantity: int = 1):
    """The user's open basket holding these artworks (with Oscar's default pricing strategy)."""
    basket, _ = Basket.open.get_or_create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for artwork in artworks:
        basket.add_product(artwork, quantity=quantity)
    return basket


def make_order(user, *artworks, shipping_method_code: str = "standard", **kwargs):
    """An unpaid order of these artworks, shipped to a fresh default address of the user."""
    basket = make_basket(user, *artworks)
    address = kwargs.pop("shipping_address", None)
    if address is None and shipping_method_code == "standard":
        address = address_data()
    return order_place(user=user, basket=basket, shipping_address=address,
                       shipping_method_code=shipping_method_code, **kwargs)
