"""Payments fail closed: Stripe selected without its keys refuses to charge and fails the deploy check;
test mode says so on every page."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.payment import sandbox
from storefront.payment.checks import stripe_settings_check
from storefront.payment.gateway import PaymentsNotConfigured, gateway_get
from storefront.payment.models import Payment, PaymentStatus
from storefront.payment.services import payment_refresh, payment_start
from tests.factories.orders import make_order

Order = get_model("order", "Order")
ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe_without_keys(settings):
    settings.ARTIQO_PAYMENTS = "stripe"
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    return settings


def _deploy_check(tmp_path, **environment) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` on the production settings, as a deploy runs it."""
    # A deploy has none of the test run's settings (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE included).
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("STRIPE_", "ARTIQO_")) and key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="artiqo.settings.production", SECRET_KEY=secrets.token_urlsafe(60),
               DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}", ALLOWED_HOSTS="artiqo.example",
               ARTIQO_VAR_DIR=str(tmp_path), **environment)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_production_deploy_check_fails_naming_each_missing_stripe_key(tmp_path):
    result = _deploy_check(tmp_path)
    assert result.returncode != 0
    assert "artiqo.payments.E001" in result.stderr and "STRIPE_SECRET_KEY is not set" in result.stderr
    assert "artiqo.payments.E002" in result.stderr and "STRIPE_WEBHOOK_SECRET is not set" in result.stderr


def test_the_production_deploy_check_passes_when_test_mode_is_chosen_explicitly(tmp_path):
    result = _deploy_check(tmp_path, ARTIQO_PAYMENTS="test")
    assert result.returncode == 0, result.stderr
    assert "artiqo.payments" not in result.stderr


def test_the_check_names_only_what_is_missing(stripe_without_keys):
    stripe_without_keys.STRIPE_SECRET_KEY = "sk_live_artiqo"
    (error,) = stripe_settings_check()
    assert error.id == "artiqo.payments.E002" and "STRIPE_WEBHOOK_SECRET" in error.msg
    stripe_without_keys.STRIPE_WEBHOOK_SECRET = "whsec_artiqo"
    assert stripe_settings_check() == []


def test_the_check_is_quiet_in_test_mode(settings):
    settings.ARTIQO_PAYMENTS = "test"
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    assert stripe_settings_check() == []


def test_without_the_key_the_gateway_refuses_instead_of_using_the_test_gateway(stripe_without_keys):
    with pytest.raises(PaymentsNotConfigured) as refused:
        gateway_get()
    assert refused.value.missing == ["STRIPE_SECRET_KEY"]


def test_an_api_payment_without_the_key_is_a_503_and_charges_nothing(stripe_without_keys, api_client, buyer, artwork):
    order = make_order(buyer, artwork)
    api_client.force_authenticate(buyer)
    answer = api_client.post(f"/api/v1/orders/{order.number}/pay", {"payment_method": "pm_card_visa"},
                             format="json")
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "payments_not_configured"
    assert "Nothing was charged" in answer.json()["error"]["message"]
    assert not Payment.objects.filter(order=order).exists()
    assert Order.objects.get(pk=order.pk).status == statuses.PENDING_PAYMENT


def test_a_web_payment_without_the_key_tells_the_buyer_and_charges_nothing(stripe_without_keys, client, buyer,
                                                                           artwork):
    order = make_order(buyer, artwork)
    client.force_login(buyer)
    page = client.post(f"/shop/checkout/orders/{order.number}/pay/",
                       {"payment_method": "pm_card_visa", "attempt_token": "a" * 32}, follow=True)
    assert b"Payments are switched off until the shop&#x27;s payment provider is set up" in page.content
    assert not Payment.objects.filter(order=order).exists()


def test_a_test_payment_left_unfinished_never_succeeds_once_stripe_takes_payments(settings, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = payment_start(order=order, payment_method="pm_card_threeDSecure2Required",
                            return_url="http://testserver/back/")
    assert (payment.gateway, payment.status) == (sandbox.NAME, PaymentStatus.REQUIRES_ACTION)
    settings.ARTIQO_PAYMENTS, settings.STRIPE_SECRET_KEY = "stripe", "sk_live_artiqo"
    sandbox.intent_authenticate(intent_id=payment.intent_id, approve=True)
    assert payment_refresh(payment=payment).status == PaymentStatus.FAILED
    assert Order.objects.get(pk=order.pk).status != statuses.PAID


@pytest.mark.parametrize("path", ["/", "/shop/catalogue/", "/shop/accounts/", "/studio/"])
def test_every_page_says_test_mode_while_the_test_gateway_takes_payments(client, artist, path, settings):
    settings.ARTIQO_PAYMENTS = "test"
    client.force_login(artist.user)
    page = client.get(path, follow=True)
    assert page.status_code == 200
    assert page.content.count(b'class="test-mode-banner"') == 1


def test_no_page_says_test_mode_when_stripe_takes_payments(client, artist, settings):
    settings.ARTIQO_PAYMENTS, settings.STRIPE_SECRET_KEY = "stripe", "sk_live_artiqo"
    client.force_login(artist.user)
    for path in ("/", "/shop/catalogue/", "/studio/"):
        assert b"TEST MODE" not in client.get(path, follow=True).content
