"""A local fake of Stripe's HTTP API for tests: PaymentIntents, refunds, Connect, events, idempotency.

Runs `http.server` in a thread on 127.0.0.1 (port chosen by the OS). Like Stripe it keeps
state, answers a repeated Idempotency-Key with the first answer (and a different body
under the same key with a 400 `idempotency_error`), declines Stripe's test cards, asks
for 3-D Secure on the authentication test cards, and records events that tests deliver
to the webhook signed exactly as Stripe signs them. Failures are injected on demand.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

from storefront.payment.cards import card_for_token
from tests.fakes.stripe_checkout import CheckoutSessionsMixin
from tests.fakes.stripe_connect import FakeStripeConnect
from tests.fakes.stripe_customers import CustomersMixin

API_KEY_PREFIX = "sk_test_"


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `payload`: t=<unix time>,v1=<HMAC-SHA256 of "t.payload">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    signature = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


@dataclass
class Failure:
    """An injected failure for requests whose path starts with `path`."""

    path: str
    mode: str  # "500", "timeout" (hang before doing anything), "timeout_after" (do it, then hang)
    times: int = 1


@dataclass
class FakeStripeState:
    intents: dict = field(default_factory=dict)
    refunds: dict = field(default_factory=dict)
    events: list = field(default_factory=list)
    idempotency: dict = field(default_factory=dict)  # key → (fingerprint, status, body)
    requests: list = field(default_factory=list)  # (method, path, idempotency key)
    failures: list = field(default_factory=list)
    # Other Stripe products (Checkout Sessions, Customers, Connect...) keep their objects here by kind.
    objects: dict = field(default_factory=dict)

    def of(self, kind: str) -> dict:
        return self.objects.setdefault(kind, {})


def _nest(pairs: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding (`metadata[a]=1`, `expand[0]=x`, `line_items[0][price_data][currency]=usd`)
    back into nested dicts and lists, at any depth."""
    data: dict = {}
    for key, value in pairs:
        name, _, rest = key.partition("[")
        path = [name] + (rest[:-1].split("][") if rest else [])
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return _lists(data)


def _lists(node):
    """Dicts keyed 0, 1, 2... (form-encoded lists) become lists."""
    if not isinstance(node, dict):
        return node
    node = {key: _lists(value) for key, value in node.items()}
    if node and all(key.isdigit() for key in node):
        return [node[key] for key in sorted(node, key=int)]
    return node


class FakeStripe(CheckoutSessionsMixin, CustomersMixin, FakeStripeConnect):
    """The server plus helpers tests use to steer it and to read what happened."""

    def __init__(self, hang_seconds: float = 3.0):
        self.state = FakeStripeState()
        self.lock = threading.RLock()
        self.hang_seconds = hang_seconds
        self._ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeStripe:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- steering --------------------------------------------------------------------------
    def fail_next(self, path: str, mode: str = "500", times: int = 1) -> None:
        with self.lock:
            self.state.failures.append(Failure(path=path, mode=mode, times=times))

    def authenticate(self, intent_id: str, approve: bool = True) -> dict:
        """The buyer finishing (or failing) 3-D Secure on the issuer's page."""
        with self.lock:
            intent = self.state.intents[intent_id]
            if intent["status"] != "requires_action":
                return intent
            intent["next_action"] = None
            if approve:
                self._succeed(intent)
            else:
                self._fail(intent, "payment_intent_authentication_failure",
                           "We are unable to authenticate your payment method.")
            return intent

    # -- reading ---------------------------------------------------------------------------
    @property
    def charges(self) -> list[dict]:
        """PaymentIntents where money moved (succeeded)."""
        return [intent for intent in self.state.intents.values() if intent["status"] == "succeeded"]

    def events_of(self, event_type: str, intent_id: str | None = None) -> list[dict]:
        return [event for event in self.state.events if event["type"] == event_type
                and (intent_id is None or event["data"]["object"]["id"] == intent_id)]

    def signed_event(self, event: dict, secret: str, timestamp: int | None = None) -> tuple[bytes, str]:
        payload = json.dumps(event).encode()
        return payload, sign_payload(payload, secret, timestamp)

    # -- Stripe's behaviour ----------------------------------------------------------------
    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._ids):06d}"

    def _event(self, event_type: str, obj: dict) -> None:
        self.state.events.append({
            "id": self._new_id("evt"), "object": "event", "type": event_type, "livemode": False,
            "created": int(time.time()), "api_version": "2025-01-01",
            "data": {"object": json.loads(json.dumps(obj))},
        })

    def _succeed(self, intent: dict) -> None:
        intent.update(status="succeeded", amount_received=intent["amount"], last_payment_error=None)
        intent["latest_charge"] = self._new_id("ch")
        self._event("payment_intent.succeeded", intent)

    def _fail(self, intent: dict, code: str, message: str) -> None:
        intent.update(status="requires_payment_method",
                      last_payment_error={"type": "card_error", "code": "card_declined", "decline_code": code,
                                          "message": message})
        self._event("payment_intent.payment_failed", intent)

    def _intent_view(self, intent: dict, expand: list[str]) -> dict:
        view = json.loads(json.dumps(intent))
        card = card_for_token(intent["payment_method"])
        if "payment_method" in expand and card is not None:
            view["payment_method"] = {"id": intent["payment_method"], "object": "payment_method",
                                      "card": {"brand": card.brand, "last4": card.number[-4:]}}
        return view

    def create_intent(self, params: dict) -> tuple[int, dict]:
        card = card_for_token(params.get("payment_method", ""))
        if card is None:
            return 400, {"error": {"type": "invalid_request_error", "code": "resource_missing",
                                   "message": f"No such PaymentMethod: '{params.get('payment_method')}'"}}
        refusal = self._customer_intent_refusal(params)
        if refusal is not None:
            return refusal
        intent = {
            "id": self._new_id("pi"), "object": "payment_intent", "amount": int(params["amount"]),
            "currency": params["currency"], "metadata": params.get("metadata", {}), "status": "requires_confirmation",
            "payment_method": params["payment_method"], "amount_received": 0, "last_payment_error": None,
            "next_action": None, "latest_charge": None, "description": params.get("description", ""),
            "client_secret": "secret",
        }
        self.state.intents[intent["id"]] = intent
        self._event("payment_intent.created", intent)
        declined = self._customer_intent_decline(intent, card, params)
        if declined is not None:
            return declined
        if card.outcome == "succeeded":
            self._succeed(intent)
        elif card.outcome == "requires_action":
            intent["status"] = "requires_action"
            intent["next_action"] = {"type": "redirect_to_url", "redirect_to_url": {
                "url": f"{self.url}/fake/3ds/{intent['id']}", "return_url": params.get("return_url", "")}}
            self._event("payment_intent.requires_action", intent)
        else:
            self._fail(intent, card.decline_code, card.message)
            error = dict(intent["last_payment_error"], code=card.code,
                         payment_intent=self._intent_view(intent, params.get("expand", [])))
            return 402, {"error": error}
        return 200, self._intent_view(intent, params.get("expand", []))

    def create_refund(self, params: dict) -> tuple[int, dict]:
        intent = self.state.intents.get(params.get("payment_intent", ""))
        if intent is None:
            return 400, {"error": {"type": "invalid_request_error", "code": "resource_missing",
                                   "message": "No such payment_intent"}}
        refunded = sum(r["amount"] for r in self.state.refunds.values() if r["payment_intent"] == intent["id"])
        amount = int(params.get("amount") or intent["amount"] - refunded)
        if intent["status"] != "succeeded" or amount + refunded > intent["amount"]:
            return 400, {"error": {"type": "invalid_request_error", "code": "charge_already_refunded",
                                   "message": "Charge has already been refunded."}}
        refund = {"id": self._new_id("re"), "object": "refund", "amount": amount, "status": "succeeded",
                  "payment_intent": intent["id"], "metadata": params.get("metadata", {})}
        self.state.refunds[refund["id"]] = refund
        self._event("charge.refunded", {"id": intent["latest_charge"], "object": "charge",
                                        "payment_intent": intent["id"], "amount": intent["amount"],
                                        "amount_refunded": refunded + amount, "refunded": True,
                                        "metadata": intent["metadata"]})
        return 200, refund

    def handle(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict]:
        if not headers.get("Authorization", "").startswith(f"Bearer {API_KEY_PREFIX}"):
            return 401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}}
        url = urlparse(path)
        pairs = parse_qsl(body.decode() if method == "POST" else url.query, keep_blank_values=True)
        params = _nest(pairs)
        key = headers.get("Idempotency-Key")
        with self.lock:
            if method == "POST" and key:
                fingerprint = hashlib.sha256(json.dumps([url.path, sorted(pairs)]).encode()).hexdigest()
                if key in self.state.idempotency:
                    seen, status, answer = self.state.idempotency[key]
                    if seen != fingerprint:
                        return 400, {"error": {
                            "type": "idempotency_error",
                            "message": "Keys for idempotent requests can only be used with the same parameters "
                                       "they were first used with."}}
                    return status, answer
                status, answer = self._route(method, url.path, params)
                if status < 500:
                    self.state.idempotency[key] = (fingerprint, status, answer)
                return status, answer
            return self._route(method, url.path, params)

    def _routes_payment_intents(self) -> list:
        return [
            ("POST", r"/v1/payment_intents", lambda params: self.create_intent(params)),
            ("GET", r"/v1/payment_intents/(?P<intent_id>[^/]+)", self._intent_get),
            ("POST", r"/v1/payment_intents/(?P<intent_id>[^/]+)/cancel", self._intent_cancel),
            ("POST", r"/v1/refunds", lambda params: self.create_refund(params)),
        ]

    def _intent_get(self, params: dict, intent_id: str) -> tuple[int, dict]:
        intent = self.state.intents.get(intent_id)
        if intent is None:
            return self.missing("payment_intent", intent_id)
        return 200, self._intent_view(intent, params.get("expand", []))

    def _intent_cancel(self, params: dict, intent_id: str) -> tuple[int, dict]:
        intent = self.state.intents.get(intent_id)
        if intent is None or intent["status"] not in ("requires_action", "requires_payment_method",
                                                      "requires_confirmation"):
            return 400, {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                                   "message": "You cannot cancel this PaymentIntent in its current state."}}
        intent.update(status="canceled", next_action=None, cancellation_reason=params.get("cancellation_reason"))
        self._event("payment_intent.canceled", intent)
        return 200, self._intent_view(intent, params.get("expand", []))

    @staticmethod
    def missing(kind: str, object_id: str) -> tuple[int, dict]:
        return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing",
                               "message": f"No such {kind}: '{object_id}'"}}

    def _routes(self) -> list:
        """Every route of every Stripe product: each product's `_routes_<name>` method (mixins add theirs)."""
        routes = []
        for name in dir(self):
            if name.startswith("_routes_"):
                routes.extend(getattr(self, name)())
        return routes

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        for route_method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if route_method == method and match:
                return handler(params, **match.groupdict())
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL {path}"}}

    def _failure_for(self, path: str) -> Failure | None:
        with self.lock:
            for failure in self.state.failures:
                if path.startswith(failure.path) and failure.times > 0:
                    failure.times -= 1
                    return failure
        return None

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                return None

            def _serve(self, method: str):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake.lock:
                    fake.state.requests.append((method, urlparse(self.path).path, self.headers.get("Idempotency-Key")))
                page = fake.hosted_page(method, self.path, body)
                if page is not None:
                    return self._reply_html(*page)
                failure = fake._failure_for(self.path)
                if failure and failure.mode == "timeout":
                    time.sleep(fake.hang_seconds)
                    return
                if failure and failure.mode == "500":
                    return self._reply(500, {"error": {"type": "api_error", "message": "Injected failure"}})
                status, answer = fake.handle(method, self.path, self.headers, body)
                if failure and failure.mode == "timeout_after":
                    time.sleep(fake.hang_seconds)
                    return
                self._reply(status, answer)

            def _reply(self, status: int, answer: dict):
                payload = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.send_header("Request-Id", f"req_{next(fake._ids)}")
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _reply_html(self, status: int, page: str, headers: dict):
                payload = page.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

        return Handler
