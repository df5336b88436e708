"""Stripe Connect for the local fake Stripe: Express accounts, account links, transfers and reversals.

A mixin of tests/fakes/stripe_server.FakeStripe (its routes come from `_routes_connect`).
Like Stripe, an account can receive transfers only once onboarding is finished
(`onboard()` plays the artist on Stripe's hosted pages and emits `account.updated`),
a transfer draws on the platform's available balance (unlimited unless a test sets
one), and reversals can never take back more than was transferred. Objects live in
`state.of("accounts")`, `state.of("account_links")`, `state.of("transfers")`,
`state.of("transfer_reversals")`.
"""
from __future__ import annotations

import json
import time


def _invalid(message: str, code: str = "parameter_invalid") -> tuple[int, dict]:
    return 400, {"error": {"type": "invalid_request_error", "code": code, "message": message}}


class FakeStripeConnect:
    # -- steering --------------------------------------------------------------------------
    def onboard(self, account_id: str, *, complete: bool = True) -> dict:
        """The artist filling in Stripe's hosted onboarding: finished (payouts on) or left restricted."""
        with self.lock:
            account = self.state.of("accounts")[account_id]
            account.update(details_submitted=True, charges_enabled=complete, payouts_enabled=complete,
                           capabilities={"transfers": "active" if complete else "inactive"})
            self._account_event(account)
            return account

    def set_available_balance(self, amount_minor: int | None) -> None:
        """The platform's available balance for transfers (None: unlimited, the default)."""
        with self.lock:
            self.state.of("connect_settings")["available"] = amount_minor

    # -- reading ---------------------------------------------------------------------------
    @property
    def transfers(self) -> list[dict]:
        return list(self.state.of("transfers").values())

    def transfer_events(self, event_type: str, transfer_id: str | None = None) -> list[dict]:
        return [event for event in self.state.events if event["type"] == event_type
                and (transfer_id is None or event["data"]["object"]["id"] == transfer_id)]

    def account_events(self, account_id: str) -> list[dict]:
        return [event for event in self.state.events
                if event["type"] == "account.updated" and event["data"]["object"]["id"] == account_id]

    # -- Stripe's behaviour ----------------------------------------------------------------
    def _routes_connect(self) -> list:
        return [
            ("POST", r"/v1/accounts", self._account_create),
            ("GET", r"/v1/accounts/(?P<account_id>[^/]+)", self._account_get),
            ("POST", r"/v1/account_links", self._account_link_create),
            ("POST", r"/v1/transfers", self._transfer_create),
            ("GET", r"/v1/transfers/(?P<transfer_id>[^/]+)", self._transfer_get),
            ("POST", r"/v1/transfers/(?P<transfer_id>[^/]+)/reversals", self._reversal_create),
        ]

    def _account_event(self, account: dict) -> None:
        self._event("account.updated", account)
        # Events of connected accounts name the account they happened on.
        self.state.events[-1]["account"] = account["id"]

    def _account_create(self, params: dict) -> tuple[int, dict]:
        if params.get("type") != "express":
            return _invalid("This fake only makes Express accounts (type=express).")
        account = {
            "id": self._new_id("acct"), "object": "account", "type": "express", "email": params.get("email"),
            "charges_enabled": False, "payouts_enabled": False, "details_submitted": False,
            "business_profile": params.get("business_profile", {}),
            "capabilities": {"transfers": "inactive"}, "metadata": params.get("metadata", {}),
            "requested_capabilities": list((params.get("capabilities") or {}).keys()), "created": int(time.time()),
        }
        self.state.of("accounts")[account["id"]] = account
        return 200, account

    def _account_get(self, params: dict, account_id: str) -> tuple[int, dict]:
        account = self.state.of("accounts").get(account_id)
        return (200, account) if account is not None else self.missing("account", account_id)

    def _account_link_create(self, params: dict) -> tuple[int, dict]:
        for name in ("account", "refresh_url", "return_url", "type"):
            if not params.get(name):
                return _invalid(f"Missing required param: {name}.", "parameter_missing")
        if params["account"] not in self.state.of("accounts"):
            return self.missing("account", params["account"])
        link = {"object": "account_link", "created": int(time.time()), "expires_at": int(time.time()) + 300,
                "url": f"{self.url}/fake/connect/onboarding/{params['account']}/{self._new_id('link')}",
                "return_url": params["return_url"], "refresh_url": params["refresh_url"]}
        self.state.of("account_links")[link["url"]] = link
        return 200, link

    def _available(self, currency: str) -> int | None:
        limit = self.state.of("connect_settings").get("available")
        if limit is None:
            return None
        moved = sum(t["amount"] - t["amount_reversed"] for t in self.transfers if t["currency"] == currency)
        return limit - moved

    def _transfer_create(self, params: dict) -> tuple[int, dict]:
        account = self.state.of("accounts").get(params.get("destination", ""))
        if account is None:
            return self.missing("destination", params.get("destination", ""))
        if account["capabilities"].get("transfers") != "active":
            return _invalid("Your destination account needs to have at least one of the following capabilities "
                            "enabled: transfers, crypto_transfers, legacy_payments",
                            "insufficient_capabilities_for_transfer")
        amount, currency = int(params.get("amount") or 0), str(params.get("currency", "")).lower()
        if amount < 1 or not currency:
            return _invalid("Invalid positive integer", "parameter_invalid_integer")
        available = self._available(currency)
        if available is not None and amount > available:
            return _invalid("You have insufficient available funds in your Stripe account.", "balance_insufficient")
        transfer = {
            "id": self._new_id("tr"), "object": "transfer", "amount": amount, "amount_reversed": 0,
            "currency": currency, "destination": account["id"], "destination_payment": self._new_id("py"),
            "reversed": False, "transfer_group": params.get("transfer_group"), "description": params.get("description"),
            "metadata": params.get("metadata", {}), "created": int(time.time()),
            "reversals": {"object": "list", "data": [], "has_more": False, "total_count": 0},
        }
        self.state.of("transfers")[transfer["id"]] = transfer
        self._event("transfer.created", transfer)
        return 200, transfer

    def _transfer_get(self, params: dict, transfer_id: str) -> tuple[int, dict]:
        transfer = self.state.of("transfers").get(transfer_id)
        return (200, transfer) if transfer is not None else self.missing("transfer", transfer_id)

    def _reversal_create(self, params: dict, transfer_id: str) -> tuple[int, dict]:
        transfer = self.state.of("transfers").get(transfer_id)
        if transfer is None:
            return self.missing("transfer", transfer_id)
        left = transfer["amount"] - transfer["amount_reversed"]
        amount = int(params.get("amount") or left)
        if not 1 <= amount <= left:
            return _invalid("You cannot reverse more than the remaining amount of this transfer.",
                            "transfer_reversal_amount_too_large" if left else "transfer_already_reversed")
        reversal = {"id": self._new_id("trr"), "object": "transfer_reversal", "amount": amount,
                    "currency": transfer["currency"], "transfer": transfer_id, "metadata": params.get("metadata", {}),
                    "created": int(time.time())}
        self.state.of("transfer_reversals")[reversal["id"]] = reversal
        transfer["amount_reversed"] += amount
        transfer["reversed"] = transfer["amount_reversed"] >= transfer["amount"]
        transfer["reversals"]["data"].insert(0, json.loads(json.dumps(reversal)))
        transfer["reversals"]["total_count"] += 1
        self._event("transfer.reversed", transfer)
        return 200, reversal
