"""Writes the demo's people: the admin login, buyers with their address book, the countries they live in."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from oscar.core.loading import get_model

from demo.names import COUNTRIES
from demo.plan import ADMIN_LOGIN, BuyerSpec

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
User = get_user_model()

BUYER_CHUNK = 2000


def demo_password_hash(*, index: int, login_password: str) -> str:
    """The first artist and buyer are demo logins; the others cannot sign in.

    Hashing a real password for each of thousands of demo users would take minutes.
    """
    return make_password(login_password if index == 0 else None)


def countries_ensure() -> dict[str, Country]:
    """The countries demo people live in, open for shipping (Oscar ships nowhere until told), by code."""
    return {
        country.code: Country.objects.get_or_create(
            iso_3166_1_a2=country.code,
            defaults={"iso_3166_1_a3": country.code3, "iso_3166_1_numeric": country.numeric,
                      "printable_name": country.name, "name": country.name, "is_shipping_country": True},
        )[0]
        for country in COUNTRIES
    }


def admin_ensure() -> bool:
    """The `admin` superuser; an existing account of that name is left as it is. True if created."""
    username, password = ADMIN_LOGIN
    if User.objects.filter(username=username).exists():
        return False
    User.objects.create_superuser(username=username, email=f"{username}@artiqo.example", password=password)
    return True


def address_fill(address, spec: BuyerSpec, countries: dict[str, Country]):
    """Copy the buyer's home address onto an Oscar address (user, shipping...) and prepare it for bulk insert."""
    home = spec.address
    address.first_name, address.last_name = spec.first_name, spec.last_name
    address.line1, address.line4, address.state = home.line1, home.city, home.state
    # The country object, not just its code: the search text reads its name (a query each otherwise).
    address.postcode, address.country = home.postcode, countries[home.country]
    # save() is skipped by bulk_create, so do what it would: the search text (and hash).
    address._update_search_text()
    if isinstance(address, UserAddress):
        address.hash = address.generate_hash()
    return address


def _existing_users(usernames: list[str]) -> dict[str, tuple[int, str]]:
    found = {}
    for start in range(0, len(usernames), BUYER_CHUNK):  # bounded IN lists, whatever the size
        found.update((username, (pk, email)) for username, pk, email in User.objects.filter(
            username__in=usernames[start:start + BUYER_CHUNK]).values_list("username", "pk", "email"))
    return found


def buyers_create(*, specs: list[BuyerSpec], login_password: str, countries: dict[str, Country]) -> int:
    """Bulk-create the buyers of `specs` whose username is free, each with a default address.

    A username someone else already uses is left alone (that buyer is simply not in the demo).
    """
    existing = _existing_users([spec.username for spec in specs])
    missing = [spec for spec in specs if spec.username not in existing]
    for start in range(0, len(missing), BUYER_CHUNK):
        chunk = missing[start:start + BUYER_CHUNK]
        with transaction.atomic():
            users = User.objects.bulk_create([
                User(username=spec.username, email=spec.email, first_name=spec.first_name,
                     last_name=spec.last_name, date_joined=spec.joined,
                     password=demo_password_hash(index=spec.index, login_password=login_password))
                for spec in chunk
            ])
            UserAddress.objects.bulk_create([
                address_fill(UserAddress(user=user, is_default_for_shipping=True, is_default_for_billing=True), spec,
                             countries)
                for spec, user in zip(chunk, users)
            ])
    return len(missing)


def demo_buyers_by_index(specs: list[BuyerSpec]) -> dict[int, int]:
    """Buyer index → user id, for the demo buyers of `specs` in the database (matched by username and email)."""
    users = _existing_users([spec.username for spec in specs])
    return {spec.index: users[spec.username][0] for spec in specs
            if spec.username in users and users[spec.username][1] == spec.email}
