"""`Idempotency-Key` for unsafe API calls: a repeat gets the first answer, nothing runs twice.

Semantics (after the IETF httpapi Idempotency-Key draft):
- the key is scoped to the caller and the operation; 1-100 visible ASCII characters;
- same key, same body → the stored answer (same status and body) with the header
  `Idempotent-Replayed: true`, and the operation does not run again;
- same key, different body → 422 `idempotency_key_reused`;
- a concurrent request with the same key waits for the first one, then is answered as
  a repeat (the unique index serialises them);
- only successful answers are stored: a refused attempt (e.g. 409, empty cart) leaves
  the key free, so the client can fix the cause and retry with the same key;
- answers are kept for KEY_TTL (24 h, as Stripe does); an older repeat runs again, and the
  operation's own guard (order_place returns the order already placed with that key)
  still makes it create nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder

from artiqo.core.errors import Conflict, Invalid
from artiqo.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,100}$")
KEY_TTL = timedelta(hours=24)


class IdempotencyKeyInvalid(Invalid):
    """The header is empty, too long or has characters outside visible ASCII (named as the field at fault)."""

    def __init__(self, message: str):
        super().__init__(message, fields={HEADER: [message]})


class IdempotencyKeyReused(Conflict):
    """The key was already used for this operation with a different body."""

    code = "idempotency_key_reused"
    http_status = 422  # the Idempotency-Key draft's answer, not a plain 409


@dataclass(frozen=True)
class IdempotentResult:
    status_code: int
    body: dict
    replayed: bool


def request_fingerprint(*, method: str, path: str, data) -> str:
    """A stable digest of what the request asks for (key order and spacing do not matter)."""
    if hasattr(data, "lists"):  # a QueryDict from a form-encoded body
        data = {key: values for key, values in data.lists()}
    canonical = json.dumps([method.upper(), path.rstrip("/"), data], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotency_key_clean(*, value: str | None) -> str | None:
    """The header's key, None when absent; raises IdempotencyKeyInvalid when malformed."""
    if value is None:
        return None
    if not KEY_PATTERN.fullmatch(value):
        raise IdempotencyKeyInvalid("Idempotency-Key must be 1 to 100 visible ASCII characters.")
    return value


def idempotency_key_from_request(request) -> str | None:
    """The request's Idempotency-Key, None when absent; raises IdempotencyKeyInvalid (a 400 naming the header)."""
    return idempotency_key_clean(value=request.headers.get(HEADER))


def _replay(record: IdempotencyRecord, fingerprint: str) -> IdempotentResult:
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request body; use a new key."
        )
    return IdempotentResult(status_code=record.status_code, body=record.response_body, replayed=True)


def idempotent_call(
    *, user, scope: str, key: str, fingerprint: str, call: Callable[[], tuple[int, dict]]
) -> IdempotentResult:
    """Run `call` once per (user, scope, key); store and return its (status, JSON body)."""
    # Pruning the caller's expired answers here keeps the table as small as a day's traffic.
    IdempotencyRecord.objects.filter(user=user, created_at__lt=timezone.now() - KEY_TTL).delete()
    existing = IdempotencyRecord.objects.filter(user=user, scope=scope, key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    with transaction.atomic():
        try:
            with transaction.atomic():
                # Claim the key first: a concurrent twin blocks here until this transaction
                # ends, then fails on the unique index and replays what this one stored.
                record = IdempotencyRecord.objects.create(
                    user=user, scope=scope, key=key, fingerprint=fingerprint, status_code=0, response_body={}
                )
        except IntegrityError:
            record = None
        if record is None:
            return _replay(IdempotencyRecord.objects.get(user=user, scope=scope, key=key), fingerprint)
        status_code, body = call()
        # Store exactly the JSON the client receives (decimals and dates as strings).
        body = json.loads(json.dumps(body, cls=JSONEncoder))
        record.status_code, record.response_body = status_code, body
        record.save(update_fields=["status_code", "response_body"])
    return IdempotentResult(status_code=status_code, body=body, replayed=False)
