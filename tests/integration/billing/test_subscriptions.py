"""Artist plans: listing limits, choosing, upgrading, downgrading, cancelling, renewals and the grace period."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront.billing.models import (
    ArtistSubscription,
    BillingCharge,
    LedgerEntry,
    LedgerKind,
    SubscriptionEvent,
    SubscriptionStatus,
)
from storefront.billing.selectors import commission_rate_for, plan_effective
from storefront.billing.services import (
    CardRequired,
    ChargeInProgress,
    charge_refresh,
    plan_check_can_list,
    subscription_cancel,
    subscription_choose,
    subscriptions_renew_due,
)
from storefront.catalogue.models import Product
from storefront.payment import sandbox
from storefront.payment.models import Payment, PaymentCustomer, PaymentStatus, SandboxSession
from tests.factories.billing import (
    DECLINED,
    THREE_D_SECURE,
    VISA,
    make_free_and_pro,
    make_plan,
    save_card,
    set_marketplace,
)
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def plans(db):
    return make_free_and_pro()


def _subscribe(artist, plan, card=VISA, **kwargs):
    """The artist saves `card` on the card-saving page, then chooses `plan`."""
    save_card(artist.user, card)
    return subscription_choose(artist=artist, plan=plan, **kwargs)


def _card_expires(artist, card=DECLINED):
    """The saved card stops working (expired, cancelled): the bank now declines it."""
    customer = PaymentCustomer.objects.get(user=artist.user)
    SandboxSession.objects.filter(customer_id=customer.customer_id).update(payment_method=card)
    PaymentCustomer.objects.filter(pk=customer.pk).update(payment_method=card)


def _subscription(artist) -> ArtistSubscription:
    return ArtistSubscription.objects.select_related("plan").get(artist=artist)


# Limits -----------------------------------------------------------------------------------


def test_without_plans_an_artist_lists_as_many_works_as_they_like(artist):
    for _ in range(4):
        make_artwork(artist, with_image=False)
    plan_check_can_list(artist=artist)


def test_the_free_plan_refuses_a_work_beyond_its_limit_with_a_clear_reason(artist, plans):
    for _ in range(3):
        make_artwork(artist, with_image=False)
    with pytest.raises(ValidationError, match="Free plan lets you have 3 works for sale"):
        make_artwork(artist, title="One too many", with_image=False)
    assert not Product.objects.filter(title="One too many").exists()


def test_sold_works_and_drafts_do_not_count_against_the_limit(artist, plans):
    sold = make_artwork(artist, with_image=False)
    sold.stockrecords.update(num_in_stock=0)
    make_artwork(artist, with_image=False, is_public=False)
    for _ in range(3):
        make_artwork(artist, with_image=False)
    with pytest.raises(ValidationError):
        plan_check_can_list(artist=artist)


def test_pro_lifts_the_limit_and_lowers_the_commission(artist, plans):
    free, pro = plans
    set_marketplace(commission_rate=D("15.00"))
    assert commission_rate_for(artist=artist) == D("15.00")
    _subscribe(artist, pro)
    for _ in range(5):
        make_artwork(artist, with_image=False)
    assert commission_rate_for(artist=artist) == D("8.00")


# Choosing and changing --------------------------------------------------------------------


def test_subscribing_to_pro_charges_the_monthly_price_once_and_books_it(artist, plans):
    _, pro = plans
    change = _subscribe(artist, pro, request_key="form-1")
    assert change.charge.payment.status == PaymentStatus.COMPLETED and change.charge.payment.amount == D("12.00")
    subscription = _subscription(artist)
    assert subscription.plan == pro and subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.current_period_end > timezone.now() + timedelta(days=27)
    card = PaymentCustomer.objects.get(user=artist.user)
    assert (change.charge.payment.payment_method, change.charge.payment.customer_id) == (VISA, card.customer_id)
    assert not change.charge.payment.off_session  # the artist was there to authenticate
    entry = LedgerEntry.objects.get(kind=LedgerKind.SUBSCRIPTION)
    assert (entry.gross, entry.platform_fee, entry.artist_net) == (D("12.00"), D("12.00"), D("0.00"))

    again = _subscribe(artist, pro, request_key="form-1")  # the same form submitted twice
    assert again.charge.pk == change.charge.pk
    assert BillingCharge.objects.count() == Payment.objects.count() == 1 and LedgerEntry.objects.count() == 1


def test_a_declined_card_leaves_the_artist_on_their_plan(artist, plans):
    free, pro = plans
    save_card(artist.user, VISA)
    _card_expires(artist)
    change = subscription_choose(artist=artist, plan=pro)
    assert change.charge.payment.status == PaymentStatus.FAILED
    assert "declined" in change.charge.payment.failure_message
    assert plan_effective(artist=artist) == free
    assert not LedgerEntry.objects.exists()


def test_a_paid_plan_needs_a_saved_card(artist, plans):
    with pytest.raises(CardRequired):
        subscription_choose(artist=artist, plan=plans[1])
    assert not BillingCharge.objects.exists() and not Payment.objects.exists()


def test_a_plan_that_is_not_offered_cannot_be_chosen(artist, plans):
    hidden = make_plan("Legacy", price="5.00", is_active=False)
    with pytest.raises(ValidationError):
        _subscribe(artist, hidden)


def test_upgrading_mid_period_credits_the_unused_part_of_the_cheaper_plan(artist, plans):
    _, pro = plans
    studio = make_plan("Studio", price="30.00", rate="5.00")
    start = timezone.now() - timedelta(days=10)
    _subscribe(artist, pro, now=start)
    subscription = _subscription(artist)
    now = timezone.now()
    period = subscription.current_period_end - subscription.current_period_start
    unused = (subscription.current_period_end - now) / period

    change = _subscribe(artist, studio, now=now)
    credit = (D("12.00") * D(str(unused))).quantize(D("0.01"))
    assert abs(change.charge.payment.amount - (D("30.00") - credit)) <= D("0.01")
    assert change.charge.purpose == "upgrade"
    assert _subscription(artist).plan == studio
    assert SubscriptionEvent.objects.filter(artist=artist, kind="upgraded").exists()


def test_downgrading_keeps_the_paid_plan_until_the_period_ends(artist, plans):
    free, pro = plans
    _subscribe(artist, pro)
    change = subscription_choose(artist=artist, plan=free)
    assert change.action == "cancelled" and change.charge is None
    subscription = _subscription(artist)
    assert subscription.plan == pro and subscription.cancel_at_period_end
    assert plan_effective(artist=artist) == pro
    later = subscription.current_period_end + timedelta(seconds=1)
    assert plan_effective(artist=artist, now=later) == free  # limits follow the calendar by themselves

    assert subscriptions_renew_due(now=later)["settled"] == 1
    assert _subscription(artist).plan == free
    assert BillingCharge.objects.count() == 1  # nothing charged for the month after


def test_choosing_the_current_plan_again_withdraws_a_cancellation(artist, plans):
    free, pro = plans
    _subscribe(artist, pro)
    subscription_cancel(artist=artist)
    change = subscription_choose(artist=artist, plan=pro)
    assert change.action == "resumed" and not _subscription(artist).cancel_at_period_end
    with pytest.raises(ValidationError, match="already on the Pro plan"):
        subscription_choose(artist=artist, plan=pro)


def test_a_cheaper_paid_plan_starts_at_the_next_renewal_at_its_own_price(artist, plans):
    _, pro = plans
    studio = make_plan("Studio", price="30.00")
    _subscribe(artist, studio)
    assert subscription_choose(artist=artist, plan=pro).action == "downgrade_scheduled"
    end = _subscription(artist).current_period_end
    subscriptions_renew_due(now=end + timedelta(minutes=1))
    subscription = _subscription(artist)
    assert subscription.plan == pro and subscription.scheduled_plan is None
    renewal = BillingCharge.objects.get(purpose="renewal")
    assert renewal.payment.amount == D("12.00") and renewal.payment.status == PaymentStatus.COMPLETED


def test_cancelling_without_a_paid_plan_is_refused(artist, plans):
    with pytest.raises(ValidationError):
        subscription_cancel(artist=artist)


def test_only_one_plan_payment_runs_at_a_time(artist, plans):
    _, pro = plans
    pending = _subscribe(artist, pro, card=THREE_D_SECURE).charge
    assert pending.payment.status == PaymentStatus.REQUIRES_ACTION
    with pytest.raises(ChargeInProgress):
        _subscribe(artist, make_plan("Studio", price="30.00"))
    sandbox.intent_authenticate(intent_id=pending.payment.intent_id, approve=True)
    assert charge_refresh(charge=pending).payment.status == PaymentStatus.COMPLETED
    assert _subscription(artist).plan == pro


# Renewals -------------------------------------------------------------------------------------


def test_a_due_subscription_renews_for_another_month_exactly_once(artist, plans):
    _, pro = plans
    _subscribe(artist, pro)
    end = _subscription(artist).current_period_end
    after = end + timedelta(hours=1)
    assert subscriptions_renew_due(now=after)["charged"] == 1
    assert subscriptions_renew_due(now=after)["charged"] == 0
    subscription = _subscription(artist)
    assert subscription.current_period_start == end and subscription.current_period_end > end + timedelta(days=27)
    assert LedgerEntry.objects.filter(kind=LedgerKind.SUBSCRIPTION).count() == 2


def test_a_failed_renewal_gives_a_grace_period_then_falls_back_to_the_free_limits(artist, plans):
    free, pro = plans
    set_marketplace(grace_period_days=7)
    _subscribe(artist, pro)
    for _ in range(5):
        make_artwork(artist, with_image=False)
    _card_expires(artist)
    end = _subscription(artist).current_period_end

    assert subscriptions_renew_due(now=end + timedelta(hours=1))["charged"] == 1
    subscription = _subscription(artist)
    assert subscription.status == SubscriptionStatus.PAST_DUE
    assert subscription.grace_until == end + timedelta(days=7)
    assert plan_effective(artist=artist, now=end + timedelta(days=3)) == pro  # still Pro during grace

    assert subscriptions_renew_due(now=end + timedelta(hours=5))["charged"] == 0  # retries wait a day
    assert subscriptions_renew_due(now=end + timedelta(days=2))["charged"] == 1  # second attempt
    assert BillingCharge.objects.filter(purpose="retry", payment__status=PaymentStatus.FAILED).count() == 1

    assert plan_effective(artist=artist, now=end + timedelta(days=7)) == free  # on time, job or not
    subscriptions_renew_due(now=end + timedelta(days=7, minutes=1))
    assert _subscription(artist).plan == free
    assert SubscriptionEvent.objects.filter(artist=artist, kind="lapsed").exists()
    with pytest.raises(ValidationError):  # 5 works listed, Free allows 3: no new ones
        make_artwork(artist, with_image=False)


def test_paying_a_failed_renewal_during_grace_restores_the_plan(artist, plans):
    _, pro = plans
    _subscribe(artist, pro)
    _card_expires(artist)
    end = _subscription(artist).current_period_end
    subscriptions_renew_due(now=end + timedelta(hours=1))

    change = _subscribe(artist, pro, card=VISA)  # a new card, saved during the grace period
    assert change.charge.purpose == "retry" and change.charge.payment.status == PaymentStatus.COMPLETED
    subscription = _subscription(artist)
    assert subscription.status == SubscriptionStatus.ACTIVE and subscription.grace_until is None
    assert subscription.current_period_start == end


def test_renewals_resume_after_the_gateway_was_unreachable_without_a_second_charge(artist, plans, monkeypatch):
    from storefront.billing.services.charges import charges_resume_unfinished
    from storefront.payment.gateway import GatewayUnavailable

    _, pro = plans
    _subscribe(artist, pro)
    end = _subscription(artist).current_period_end

    def down(**kwargs):
        raise GatewayUnavailable("timeout")

    real_create = sandbox.payment_intent_create_saved
    monkeypatch.setattr(sandbox, "payment_intent_create_saved", down)
    subscriptions_renew_due(now=end + timedelta(hours=1))
    pending = BillingCharge.objects.get(purpose="renewal")
    assert pending.payment.status == PaymentStatus.PENDING
    assert subscriptions_renew_due(now=end + timedelta(hours=2))["charged"] == 0  # no second charge row

    monkeypatch.setattr(sandbox, "payment_intent_create_saved", real_create)
    Payment.objects.filter(pk=pending.payment_id).update(date_created=timezone.now() - timedelta(hours=1))
    assert charges_resume_unfinished() == 1
    assert Payment.objects.get(pk=pending.payment_id).status == PaymentStatus.COMPLETED
    assert _subscription(artist).current_period_start == end


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_uploads_cannot_both_take_the_last_free_place(artist, plans):
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the row lock is what MariaDB needs")
    for _ in range(2):
        make_artwork(artist, with_image=False)
    barrier, outcomes = threading.Barrier(2), []

    def upload(title):
        from django.db import connections

        try:
            barrier.wait()
            make_artwork(artist, title=title, with_image=False)
            outcomes.append("listed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload, args=(f"Race {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["listed", "refused"]
    assert Product.objects.filter(artist=artist).count() == 3
