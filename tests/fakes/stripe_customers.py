"""The fake Stripe server's Customers, saved cards and off-session PaymentIntents.

Like Stripe: a Customer is created once per idempotency key; a card saved on a setup-mode
Checkout Session (see stripe_checkout.py) belongs to that session's customer; a
PaymentIntent naming a `customer` must use one of that customer's cards; and an
off-session intent on a card whose bank wants the cardholder (Stripe's
authentication-required test cards) is declined with `authentication_required` (402,
intent left `requires_payment_method`), as Stripe does when nobody is there to
authenticate.
"""
from __future__ import annotations

from storefront.payment.cards import card_for_token

AUTHENTICATION_REQUIRED_MESSAGE = ("Your card was declined. This transaction requires authentication: the "
                                   "cardholder must confirm it.")


class CustomersMixin:
    def _routes_customers(self) -> list:
        return [
            ("POST", r"/v1/customers", self._customer_create),
            ("GET", r"/v1/customers/(?P<customer_id>[^/]+)", self._customer_get),
            ("GET", r"/v1/payment_methods/(?P<payment_method_id>[^/]+)", self._payment_method_get),
        ]

    # -- what tests read -------------------------------------------------------------------
    @property
    def customers(self) -> dict:
        return self.state.of("customers")

    def customer_cards(self, customer_id: str) -> list[str]:
        """The cards saved on the customer's setup-mode sessions, oldest first."""
        return [setup["payment_method"] for setup in self.state.of("setup_intents").values()
                if setup.get("customer") == customer_id and setup.get("status") == "succeeded"]

    # -- Stripe's behaviour ----------------------------------------------------------------
    def _customer_create(self, params: dict) -> tuple[int, dict]:
        customer = {"id": self._new_id("cus"), "object": "customer", "email": params.get("email"),
                    "name": params.get("name"), "metadata": params.get("metadata", {})}
        self.customers[customer["id"]] = customer
        return 200, customer

    def _customer_get(self, params: dict, customer_id: str) -> tuple[int, dict]:
        customer = self.customers.get(customer_id)
        if customer is None:
            return self.missing("customer", customer_id)
        return 200, customer

    def _payment_method_get(self, params: dict, payment_method_id: str) -> tuple[int, dict]:
        card = card_for_token(payment_method_id)
        if card is None:
            return self.missing("payment_method", payment_method_id)
        owner = next((customer_id for customer_id in self.customers
                      if payment_method_id in self.customer_cards(customer_id)), None)
        return 200, {"id": payment_method_id, "object": "payment_method", "type": "card", "customer": owner,
                     "card": {"brand": card.brand, "last4": card.number[-4:]}}

    def _customer_intent_refusal(self, params: dict) -> tuple[int, dict] | None:
        """Stripe's checks on an intent that names a customer (or is off-session): None when it may go on."""
        customer_id = params.get("customer")
        if not customer_id:
            if params.get("off_session") == "true":
                return 400, {"error": {"type": "invalid_request_error", "param": "customer",
                                       "message": "off_session requires a customer with a saved PaymentMethod."}}
            return None
        if customer_id not in self.customers:
            return self.missing("customer", customer_id)
        if params.get("payment_method") not in self.customer_cards(customer_id):
            return 400, {"error": {"type": "invalid_request_error", "code": "resource_missing",
                                   "param": "payment_method",
                                   "message": f"The provided PaymentMethod {params.get('payment_method')} does not "
                                              f"belong to the Customer {customer_id}."}}
        return None

    def _customer_intent_decline(self, intent: dict, card, params: dict) -> tuple[int, dict] | None:
        """Off-session, a card that wants its cardholder to authenticate is declined: nobody is there."""
        intent["customer"] = params.get("customer")
        if params.get("off_session") != "true" or card.outcome != "requires_action":
            return None
        self._fail(intent, "authentication_required", AUTHENTICATION_REQUIRED_MESSAGE)
        intent["last_payment_error"]["code"] = "authentication_required"
        error = dict(intent["last_payment_error"],
                     payment_intent=self._intent_view(intent, params.get("expand", [])))
        return 402, {"error": error}
