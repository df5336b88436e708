"""Featured listings: bought by artists or chosen by editors; shown first, boosted, and ending on time."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront.billing.models import (
    BillingCharge,
    FeaturedListing,
    FeatureSource,
    FeatureStatus,
    LedgerEntry,
    LedgerKind,
)
from storefront.billing.services import CardRequired, feature_purchase, features_start_announce
from storefront.catalogue.selectors import artwork_list, featured_artwork_list
from storefront.payment.models import PaymentCustomer, PaymentStatus, SandboxSession
from tests.factories.billing import DECLINED, VISA, make_feature, save_card, set_marketplace
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
D = Decimal


def _buy(artist, artwork, days=5, card=VISA, **kwargs):
    """The artist saves `card` on the card-saving page, then buys the days."""
    save_card(artist.user, card)
    return feature_purchase(artist=artist, artwork_id=artwork.pk, days=days, **kwargs)


def test_an_artist_buys_days_for_a_work_and_it_is_featured_at_once(artist, artwork):
    set_marketplace(feature_price_per_day=D("2.50"))
    charge = _buy(artist, artwork, days=5)
    assert (charge.payment.status, charge.payment.amount) == (PaymentStatus.COMPLETED, D("12.50"))
    assert (charge.payment.purpose, charge.payment.payer) == ("feature", artist.user)
    feature = FeaturedListing.objects.get()
    assert (feature.source, feature.status, feature.days) == (FeatureSource.PAID, FeatureStatus.ACTIVE, 5)
    assert timedelta(days=5) - (feature.ends_at - timezone.now()) < timedelta(minutes=1)
    assert [work.pk for work in featured_artwork_list(limit=8)] == [artwork.pk]
    entry = LedgerEntry.objects.get(kind=LedgerKind.FEATURE)
    assert (entry.gross, entry.platform_fee, entry.artist_net) == (D("12.50"), D("12.50"), D("0.00"))


def test_buying_more_days_for_a_featured_work_extends_it(artist, artwork):
    _buy(artist, artwork, days=3)
    _buy(artist, artwork, days=2)
    ends = max(FeaturedListing.objects.values_list("ends_at", flat=True))
    assert timedelta(days=5) - (ends - timezone.now()) < timedelta(minutes=1)


def test_a_declined_card_features_nothing(artist, artwork):
    save_card(artist.user, VISA)
    customer = PaymentCustomer.objects.get(user=artist.user)  # then the bank stops honouring it
    SandboxSession.objects.filter(customer_id=customer.customer_id).update(payment_method=DECLINED)
    PaymentCustomer.objects.filter(pk=customer.pk).update(payment_method=DECLINED)
    charge = feature_purchase(artist=artist, artwork_id=artwork.pk, days=5)
    assert charge.payment.status == PaymentStatus.FAILED
    assert FeaturedListing.objects.get().status == FeatureStatus.CANCELLED
    assert not featured_artwork_list(limit=8)
    assert not LedgerEntry.objects.exists()


def test_an_artist_can_feature_only_their_own_works_for_sale(artist, other_artist, artwork):
    with pytest.raises(ValidationError):
        _buy(other_artist, artwork)
    artwork.stockrecords.update(num_in_stock=0)
    with pytest.raises(ValidationError):
        _buy(artist, artwork)
    assert not BillingCharge.objects.exists()


def test_a_feature_needs_a_saved_card_and_takes_nothing_without_one(artist, artwork):
    with pytest.raises(CardRequired):
        feature_purchase(artist=artist, artwork_id=artwork.pk, days=3)
    assert not BillingCharge.objects.exists() and not FeaturedListing.objects.exists()


def test_the_number_of_days_is_bounded_by_the_settings(artist, artwork):
    set_marketplace(feature_max_days=10)
    for days in (0, 11):
        with pytest.raises(ValidationError):
            _buy(artist, artwork, days=days)


def test_submitting_the_purchase_twice_pays_once(artist, artwork):
    first = _buy(artist, artwork, request_key="tok-1")
    second = _buy(artist, artwork, request_key="tok-1")
    assert first.pk == second.pk
    assert BillingCharge.objects.count() == FeaturedListing.objects.count() == 1


def test_features_end_on_time_by_themselves(artist):
    ending = make_artwork(artist, title="Ending")
    ended = make_artwork(artist, title="Ended")
    make_feature(ending, days=1)
    make_feature(ended, days=1, starts_in=-2)  # ended yesterday; nothing ran since
    featured = {work.title: work.is_featured for work in artwork_list()}
    assert featured == {"Ending": True, "Ended": False}
    assert [work.title for work in featured_artwork_list(limit=8)] == ["Ending"]


def test_a_scheduled_feature_starts_by_itself(artist, artwork):
    feature = make_feature(artwork, days=3, starts_in=1)
    assert not featured_artwork_list(limit=8)
    FeaturedListing.objects.filter(pk=feature.pk).update(starts_at=timezone.now() - timedelta(seconds=1))
    assert list(featured_artwork_list(limit=8)) == [artwork]
    assert features_start_announce() == 1  # and the search index hears of it, once
    assert features_start_announce() == 0


def test_a_featured_work_that_sells_drops_out_of_the_featured_section(artist, artwork):
    make_feature(artwork)
    artwork.stockrecords.update(num_allocated=1)
    assert not featured_artwork_list(limit=8)


def test_featured_works_come_first_in_browse_when_asked_and_are_labelled(artist):
    older = make_artwork(artist, title="Older, featured")
    make_artwork(artist, title="Newer")
    make_feature(older)
    assert [work.title for work in artwork_list()] == ["Newer", "Older, featured"]
    first = list(artwork_list(featured_first=True))
    assert [(work.title, work.is_featured) for work in first] == [("Older, featured", True), ("Newer", False)]


def test_browse_with_featured_first_runs_the_same_queries_for_any_page_size(artist, django_assert_max_num_queries):
    for n in range(12):
        work = make_artwork(artist, title=f"Work {n}")
        if n % 3 == 0:
            make_feature(work)
    with django_assert_max_num_queries(2):
        works = list(artwork_list(featured_first=True)[:12])
        assert [work.images.all()[0] for work in works]
    with django_assert_max_num_queries(2):
        list(featured_artwork_list(limit=12))


@pytest.mark.parametrize("filters", [{}, {"ordering": "title"}, {"ordering": "price"},
                                     {"min_price": Decimal("100"), "available": True}])
def test_browse_pages_with_featured_first_list_each_matching_work_once_featured_first(artist, filters):
    from django.core.paginator import Paginator

    from storefront.catalogue.selectors import artwork_pages

    works = [make_artwork(artist, title=f"Work {n:02}", price=Decimal(40 + 15 * n)) for n in range(10)]
    for work in works[2::4]:
        make_feature(work)
    works[9].stockrecords.update(num_allocated=1)  # sold: the availability filter drops it
    expected = list(artwork_list(featured_first=True, **filters))

    paginator = Paginator(artwork_pages(featured_first=True, **filters), 3)
    listed = [work for number in paginator.page_range for work in paginator.page(number)]

    assert paginator.count == len(expected) == len(listed)
    assert [work.pk for work in listed] == [work.pk for work in expected]
    featured = [work.is_featured for work in listed]
    assert featured == sorted(featured, reverse=True) and any(featured)


def test_the_editors_order_leads_the_featured_section(artist):
    first, second = make_artwork(artist, title="Second pick"), make_artwork(artist, title="First pick")
    make_feature(first, position=20)
    make_feature(second, position=10, label="Editor's pick")
    works = list(featured_artwork_list(limit=8))
    assert [(work.title, work.feature_label) for work in works] == [("First pick", "Editor's pick"),
                                                                    ("Second pick", "")]


def test_search_is_told_until_when_each_work_is_featured(artist, artwork, settings):
    from search.selectors import artwork_index_queryset

    feature = make_feature(artwork, days=4)
    other = make_artwork(artist, title="Not featured")
    rows = {work.pk: work.search_featured_until for work in artwork_index_queryset()}
    assert rows[artwork.pk] == feature.ends_at and rows[other.pk] is None
    assert settings.SEARCH_FEATURED_UNTIL == "storefront.catalogue.selectors.artwork_featured_until"


def test_an_admin_features_a_work_from_the_cms_as_an_editorial_feature(client, admin_user, artwork):
    client.force_login(admin_user)
    start = timezone.now().replace(microsecond=0)
    response = client.post("/cms/billing/features/new/", {
        "artwork": artwork.pk, "label": "Editor's pick", "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"), "position": 10, "status": "active",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    feature = FeaturedListing.objects.get()
    assert (feature.source, feature.created_by, feature.label) == (FeatureSource.EDITORIAL, admin_user, "Editor's pick")
    assert list(featured_artwork_list(limit=8)) == [artwork]


def test_the_cms_refuses_a_feature_that_ends_before_it_starts(client, admin_user, artwork):
    client.force_login(admin_user)
    response = client.post("/cms/billing/features/new/", {
        "artwork": artwork.pk, "starts_at": "2030-01-10 10:00", "ends_at": "2030-01-09 10:00", "position": 100,
        "status": "active",
    })
    assert response.status_code == 200 and "The end must be after the start" in response.content.decode()
    assert not FeaturedListing.objects.exists()
