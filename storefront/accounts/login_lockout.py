"""Brute-force protection of login: lock an account after repeated failures.

Failures are counted per account, not per client address: the username, its other
spellings (case) and the account's email all count towards the same lock, and the
address the client claims (X-Forwarded-For) plays no part. Names that match no account
are counted under the name itself, so a locked answer never tells whether it exists.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from storefront.accounts.models import LoginLockout


@dataclass(frozen=True)
class LockState:
    locked: bool
    retry_after_seconds: int = 0


def _max_failures() -> int:
    return settings.ARTIQO_LOGIN_MAX_FAILURES


def _window() -> timedelta:
    return timedelta(seconds=settings.ARTIQO_LOGIN_FAILURE_WINDOW_SECONDS)


def _lock_time() -> timedelta:
    return timedelta(seconds=settings.ARTIQO_LOGIN_LOCK_SECONDS)


def login_subject(*, username: str) -> str:
    """The key failures are counted under: the account the name points at, else the name."""
    name = username.strip()
    user_pk = (
        get_user_model()
        .objects.filter(Q(username__iexact=name) | Q(email__iexact=name))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"user:{user_pk}" if user_pk is not None else f"name:{name.lower()[:180]}"


def _state_at(lockout: LoginLockout | None, now: datetime) -> LockState:
    if lockout is None or lockout.locked_until is None or lockout.locked_until <= now:
        return LockState(locked=False)
    return LockState(locked=True, retry_after_seconds=max(int((lockout.locked_until - now).total_seconds()), 1))


def login_lock_get(*, subject: str, now: datetime | None = None) -> LockState:
    """Whether logins for `subject` are refused right now, and for how long."""
    return _state_at(LoginLockout.objects.filter(subject=subject).first(), now or timezone.now())


def login_failure_record(*, subject: str, now: datetime | None = None) -> LockState:
    """Count one failed login; lock the subject when the failures reach the limit."""
    now = now or timezone.now()
    # Create the row in a transaction of its own: concurrent first failures then race only
    # on the unique index (the losers read the winner's row), never while holding a lock.
    LoginLockout.objects.get_or_create(subject=subject, defaults={"window_started_at": now})
    with transaction.atomic():
        # Re-read under a row lock so concurrent failures each count (no lost updates).
        lockout = LoginLockout.objects.select_for_update().get(subject=subject)
        lock_expired = lockout.locked_until is not None and lockout.locked_until <= now
        if lock_expired or now - lockout.window_started_at > _window():
            lockout.failures, lockout.window_started_at, lockout.locked_until = 0, now, None
        lockout.failures += 1
        if lockout.failures >= _max_failures():
            lockout.locked_until = now + _lock_time()
        lockout.save()
    return _state_at(lockout, now)


def login_success_record(*, subject: str) -> None:
    """A successful login clears the failures of its subject."""
    LoginLockout.objects.filter(subject=subject).delete()
