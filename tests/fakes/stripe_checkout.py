"""The fake Stripe server's Checkout Sessions: create, retrieve (with expansion), expire, and the hosted page.

`pay_session()` is the buyer on Stripe's page: it creates the session's PaymentIntent with
the session's `payment_intent_data` (metadata, transfer group), declines or succeeds like
Stripe's test cards, and records the events Stripe sends (payment_intent.*,
checkout.session.completed). A declined card leaves the session open, as on Stripe's page.
The hosted page is also served as HTML at `<url>/fake/checkout/<id>` for browser tests.
"""
from __future__ import annotations

import html
import json
from urllib.parse import parse_qsl

from storefront.payment.cards import card_for_token, card_number_to_token


class CheckoutSessionsMixin:
    def _routes_checkout_sessions(self) -> list:
        return [
            ("POST", r"/v1/checkout/sessions", self._session_create),
            ("GET", r"/v1/checkout/sessions/(?P<session_id>[^/]+)", self._session_get),
            ("POST", r"/v1/checkout/sessions/(?P<session_id>[^/]+)/expire", self._session_expire),
        ]

    # -- what tests read and steer ---------------------------------------------------------
    @property
    def sessions(self) -> dict:
        return self.state.of("checkout_sessions")

    def session(self, session_id: str) -> dict:
        with self.lock:
            return json.loads(json.dumps(self.sessions[session_id]))

    def pay_session(self, session_id: str, card: str = "4242424242424242", authenticate: bool = True) -> dict:
        """The buyer types `card` (a test number or pm_ token) on the hosted page and submits it."""
        token = card if card.startswith("pm_") else card_number_to_token(card)
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] != "open":
                raise ValueError(f"session {session_id} is {session['status']}")
            test_card = card_for_token(token)
            if session["mode"] == "setup":
                if test_card.outcome == "declined":
                    return session
                setup_intent = {"id": self._new_id("seti"), "object": "setup_intent", "status": "succeeded",
                                "payment_method": token, "customer": session.get("customer"),
                                "metadata": session.get("setup_intent_data", {}).get("metadata", {})}
                self.state.of("setup_intents")[setup_intent["id"]] = setup_intent
                self._event("setup_intent.succeeded", setup_intent)
                session.update(status="complete", setup_intent=setup_intent["id"], url=None)
                self._event("checkout.session.completed", session)
                return session
            intent = self._session_intent(session, token)
            if intent["status"] == "requires_action":
                self.authenticate(intent["id"], approve=authenticate)
            if intent["status"] == "succeeded":
                session.update(status="complete", payment_status="paid", url=None)
                self._event("checkout.session.completed", session)
            return session

    def expire_session(self, session_id: str) -> dict:
        """Stripe expiring an abandoned session by itself (after 24 hours)."""
        with self.lock:
            status, answer = self._session_expire({}, session_id)
            return answer

    # -- Stripe's behaviour ----------------------------------------------------------------
    def _session_intent(self, session: dict, token: str) -> dict:
        """The session's PaymentIntent, created on the first card and reused for the next ones."""
        data = session.get("payment_intent_data", {})
        if session.get("payment_intent"):
            intent = self.state.intents[session["payment_intent"]]
            intent.update(payment_method=token, status="requires_confirmation", last_payment_error=None)
        else:
            intent = {
                "id": self._new_id("pi"), "object": "payment_intent", "amount": session["amount_total"],
                "currency": session["currency"], "metadata": data.get("metadata", {}),
                "transfer_group": data.get("transfer_group"), "description": data.get("description", ""),
                "status": "requires_confirmation", "payment_method": token, "amount_received": 0,
                "last_payment_error": None, "next_action": None, "latest_charge": None, "client_secret": "secret",
            }
            self.state.intents[intent["id"]] = intent
            session["payment_intent"] = intent["id"]
            self._event("payment_intent.created", intent)
        card = card_for_token(token)
        if card.outcome == "succeeded":
            self._succeed(intent)
        elif card.outcome == "requires_action":
            intent.update(status="requires_action", next_action={"type": "use_stripe_sdk"})
            self._event("payment_intent.requires_action", intent)
        else:
            self._fail(intent, card.decline_code, card.message)
        return intent

    def _session_view(self, session: dict, expand: list[str]) -> dict:
        view = json.loads(json.dumps(session))
        if "payment_intent" in expand and session.get("payment_intent"):
            view["payment_intent"] = self._intent_view(self.state.intents[session["payment_intent"]],
                                                       [e.split(".", 1)[1] for e in expand
                                                        if e.startswith("payment_intent.")])
        if "setup_intent" in expand and session.get("setup_intent"):
            view["setup_intent"] = self.state.of("setup_intents")[session["setup_intent"]]
        return view

    def _session_create(self, params: dict) -> tuple[int, dict]:
        mode = params.get("mode")
        if mode not in ("payment", "setup"):
            return 400, {"error": {"type": "invalid_request_error", "param": "mode",
                                   "message": "Invalid mode: must be one of payment, setup or subscription"}}
        for required in ("success_url", "cancel_url"):
            if not params.get(required):
                return 400, {"error": {"type": "invalid_request_error", "param": required,
                                       "message": f"Missing required param: {required}."}}
        session_id = self._new_id("cs_test")
        session = {
            "id": session_id, "object": "checkout.session", "mode": mode, "status": "open",
            "url": f"{self.url}/fake/checkout/{session_id}", "success_url": params["success_url"],
            "cancel_url": params["cancel_url"], "metadata": params.get("metadata", {}),
            "client_reference_id": params.get("client_reference_id"), "customer": params.get("customer"),
            "customer_email": params.get("customer_email"), "payment_intent": None, "setup_intent": None,
            "payment_intent_data": params.get("payment_intent_data", {}),
            "setup_intent_data": params.get("setup_intent_data", {}),
        }
        if mode == "payment":
            items = params.get("line_items") or []
            if not items:
                return 400, {"error": {"type": "invalid_request_error", "param": "line_items",
                                       "message": "line_items is required in payment mode."}}
            price = items[0].get("price_data", {})
            session.update(amount_total=sum(int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
                                             for item in items),
                           currency=price.get("currency"), payment_status="unpaid")
        else:
            session.update(amount_total=None, currency=params.get("currency"), payment_status="no_payment_required")
        self.sessions[session_id] = session
        return 200, self._session_view(session, params.get("expand", []))

    def _session_get(self, params: dict, session_id: str) -> tuple[int, dict]:
        session = self.sessions.get(session_id)
        if session is None:
            return self.missing("checkout.session", session_id)
        return 200, self._session_view(session, params.get("expand", []))

    def _session_expire(self, params: dict, session_id: str) -> tuple[int, dict]:
        session = self.sessions.get(session_id)
        if session is None:
            return self.missing("checkout.session", session_id)
        if session["status"] != "open":
            return 400, {"error": {"type": "invalid_request_error", "code": "checkout_session_unexpected_state",
                                   "message": "Only Checkout Sessions with a status of open can be expired."}}
        session.update(status="expired", url=None)
        self._event("checkout.session.expired", session)
        return 200, self._session_view(session, params.get("expand", []))

    # -- the hosted page, as HTML ------------------------------------------------------------
    def hosted_page(self, method: str, path: str, body: bytes) -> tuple[int, str, dict] | None:
        """(status, html, headers) for /fake/checkout/<id>, or None for any other path."""
        if not path.startswith("/fake/checkout/"):
            return None
        session_id = path.rsplit("/", 1)[1].split("?")[0]
        with self.lock:
            session = self.sessions.get(session_id)
        if session is None:
            return 404, "<h1>No such payment page</h1>", {}
        error = ""
        if method == "POST":
            form = dict(parse_qsl(body.decode()))
            if form.get("action") == "cancel":
                return 303, "", {"Location": session["cancel_url"]}
            try:
                session = self.pay_session(session_id, form.get("card_number", ""))
            except ValueError as problem:
                error = str(problem)
            if session["status"] == "complete":
                return 303, "", {"Location": session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)}
            if not error and session.get("payment_intent"):
                error = (self.state.intents[session["payment_intent"]].get("last_payment_error") or {}).get(
                    "message", "Your card was declined.")
        amount = f"{(session.get('amount_total') or 0) / 100:.2f} {str(session.get('currency') or '').upper()}"
        page = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Fake Stripe Checkout</title></head>"
            f"<body><h1>Pay {html.escape(amount)}</h1>"
            + (f"<p role='alert' class='error'>{html.escape(error)}</p>" if error else "")
            + "<form method='post'><label for='card_number'>Card number</label>"
            "<input id='card_number' name='card_number'>"
            "<button type='submit' name='action' value='pay'>Pay</button>"
            "<button type='submit' name='action' value='cancel'>Back</button></form></body></html>"
        )
        return (400 if error else 200), page, {}
