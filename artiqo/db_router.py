"""Read replicas: send plain reads to a replica, everything else to the primary.

Active only when DATABASE_REPLICA_URLS is set (settings add this router and the
middleware). The rules, kept simple so they are easy to trust:

- every write goes to the primary (`default`);
- a read inside a transaction on the primary goes to the primary (it must see the
  transaction's own rows and hold its locks; `select_for_update` counts as a write);
- a POST, PUT, PATCH or DELETE reads only from the primary (its checks must see the
  latest stock, names and tree positions), and so does any request or worker run after
  its first write;
- sessions, API tokens, login lock-outs and idempotency records are always read from
  the primary: a logout, a revoked token or a lock must hold at once, never after the
  replica catches up;
- a client whose POST/PUT/PATCH/DELETE wrote carries a short-lived cookie, and its next
  requests read from the primary too (the redirect after "place order" shows the order,
  not a replica's older copy). Replicas can lag by an unbounded time in the worst case;
  this covers the usual lag of a healthy replica (ARTIQO_REPLICA_PIN_SECONDS), see
  docs/deployment.md.
"""
from __future__ import annotations

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_started
from django.db import connections

from artiqo.scaleout import PRIMARY

_pinned: ContextVar[bool] = ContextVar("artiqo_db_pinned", default=False)
_wrote: ContextVar[bool] = ContextVar("artiqo_db_wrote", default=False)

PIN_COOKIE = "artiqo_rw"
RESET_UID = "artiqo-db-router-reset"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Rows whose staleness would undo a security decision (logout, token revoked, lock-out)
# or an exactly-once promise (idempotency keys).
PRIMARY_ONLY_APPS = frozenset({"sessions", "authtoken"})
PRIMARY_ONLY_MODELS = frozenset({"customer.loginlockout", "artiqo_core.idempotencyrecord"})


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


def primary_pin() -> None:
    """Read from the primary from now on, in this request or worker run."""
    _pinned.set(True)


def router_request_reset(**kwargs) -> None:
    """A new request starts unpinned (connected to request_started)."""
    # gunicorn's worker threads serve one request after another: each starts afresh.
    _pinned.set(False)
    _wrote.set(False)


class PrimaryReplicaRouter:
    """The database router for a primary with read replicas."""

    def __init__(self):
        request_started.connect(router_request_reset, dispatch_uid=RESET_UID)

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if model is not None and (model._meta.app_label in PRIMARY_ONLY_APPS
                                  or model._meta.label_lower in PRIMARY_ONLY_MODELS):
            return PRIMARY
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        _pinned.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data: a row read from a replica may point at one
        # read from the primary.
        aliases = {PRIMARY, *replica_aliases()}
        return obj1._state.db in aliases and obj2._state.db in aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas get their schema by replication, never by `migrate`.
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Write requests read from the primary, and so does their client for a few seconds after.

    First in MIDDLEWARE, so nothing reads before the pin is set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            until = 0.0
        writing = request.method not in SAFE_METHODS
        if writing or until > time.time():
            primary_pin()
        response = self.get_response(request)
        # Writes made while serving a GET (view counters, analytics) need no read-your-writes.
        if writing and _wrote.get():
            seconds = settings.ARTIQO_REPLICA_PIN_SECONDS
            # Only routes this client's reads; a forged value costs the primary a little load.
            response.set_cookie(PIN_COOKIE, f"{time.time() + seconds:.0f}", max_age=seconds, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response
