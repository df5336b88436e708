"""Writes of the email outbox: enqueue mail with the change it reports, then send what is due.

`message_enqueue` only inserts a row, inside the caller's transaction: if that
transaction rolls back, no mail exists and none is sent. After commit a best-effort
send is attempted at once; whatever it misses, `outbox_send_due` (the `send_outbox`
command) retries with exponential backoff until MAX_ATTEMPTS, then marks the message
dead with the reason kept. Each message goes out with the Message-ID chosen when it was
queued, so a retry of a delivery whose answer was lost is recognisable downstream.
"""
from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage, OutboxStatus

logger = logging.getLogger("artiqo.outbox")

DEFAULTS = {
    "OUTBOX_MAX_ATTEMPTS": 8,
    "OUTBOX_BACKOFF_SECONDS": 30,
    "OUTBOX_BACKOFF_MAX_SECONDS": 6 * 3600,
    "OUTBOX_LEASE_SECONDS": 300,
    "OUTBOX_SEND_ON_COMMIT": True,
}
TEMPLATE_DIR = "emails/"


@dataclass
class SendCounts:
    """What one sending run did."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retrying + self.dead


def outbox_setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def _addresses(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    addresses: list[str] = []
    for item in items:
        address = str(item).strip()
        try:
            validate_email(parseaddr(address)[1])
        except ValidationError as error:
            raise ValueError(f"{address!r} is not an email address.") from error
        if address not in addresses:
            addresses.append(address)
    return addresses


def _accounts_of(addresses: list[str]) -> list[int]:
    """The accounts whose email is one of these addresses (any case): the message joins their history."""
    match = Q()
    for address in addresses:
        match |= Q(email__iexact=parseaddr(address)[1])
    return list(get_user_model().objects.filter(match).values_list("pk", flat=True)) if match else []


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def message_enqueue(
    *,
    to: str | list[str],
    subject: str,
    text: str,
    html: str = "",
    dedup_key: str,
    reply_to: list[str] | None = None,
) -> OutboxMessage:
    """Queue an email in the caller's transaction; the same `dedup_key` again returns the first one."""
    if not dedup_key or len(dedup_key) > 255:
        raise ValueError("dedup_key must be 1 to 255 characters.")
    recipients = _addresses(to)
    if not recipients:
        raise ValueError("An email needs at least one recipient.")
    existing = OutboxMessage.objects.filter(dedup_key=dedup_key).first()
    if existing is not None:
        return existing
    message = OutboxMessage(
        to=recipients,
        reply_to=_addresses(reply_to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=" ".join(subject.split())[:255],
        text=text,
        html=html,
        message_id=_message_id(),
        dedup_key=dedup_key,
    )
    try:
        # A savepoint, so that losing the race below leaves the caller's transaction usable.
        with transaction.atomic():
            message.save()
            message.to_users.set(_accounts_of(recipients))
    except IntegrityError:
        # A concurrent transaction queued the same message first: that one is the message.
        return OutboxMessage.objects.get(dedup_key=dedup_key)
    if outbox_setting("OUTBOX_SEND_ON_COMMIT"):
        transaction.on_commit(partial(message_send_now, message_id=message.pk), robust=True)
    return message


def message_render_enqueue(
    *,
    to: str | list[str],
    template: str,
    context: dict,
    dedup_key: str,
    reply_to: list[str] | None = None,
) -> OutboxMessage:
    """Queue templates/emails/<template>_subject.txt, <template>.txt and <template>.html.

    `template` is the name under templates/emails/ ("special_order"); a leading
    "emails/" is accepted too. The context gets `site_url` and `site_name`. Subject and
    text are rendered without HTML escaping; the subject is folded onto one line.
    """
    existing = OutboxMessage.objects.filter(dedup_key=dedup_key).first()
    if existing is not None:
        return existing
    name = TEMPLATE_DIR + template.removeprefix(TEMPLATE_DIR)
    context = {"site_url": settings.SITE_URL.rstrip("/"), "site_name": settings.OSCAR_SHOP_NAME, **context}
    return message_enqueue(
        to=to,
        subject=_render_plain(f"{name}_subject.txt", context),
        text=_render_plain(f"{name}.txt", context).strip() + "\n",
        html=render_to_string(f"{name}.html", context),
        dedup_key=dedup_key,
        reply_to=reply_to,
    )


def _render_plain(name: str, context: dict) -> str:
    # Subjects and plain text are not HTML: "Tom & Jerry" must stay as it is, whatever
    # the template remembers to say about escaping.
    return get_template(name).template.render(Context(context, autoescape=False))


def message_requeue(*, message: OutboxMessage) -> None:
    """Give a dead (or waiting) message a fresh set of attempts, due now (an admin's retry)."""
    OutboxMessage.objects.filter(pk=message.pk).exclude(status=OutboxStatus.SENT).update(
        status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )


def _claim(queryset: QuerySet, *, limit: int, now: datetime) -> list[OutboxMessage]:
    """Lock the due rows, count the attempt and lease them to this worker.

    The lease (pushing next_attempt_at forward) lets the SMTP conversation happen
    outside any transaction, while other workers skip these rows; if this worker dies
    mid-send, the lease runs out and another worker retries.
    """
    lease_until = now + timedelta(seconds=outbox_setting("OUTBOX_LEASE_SECONDS"))
    with transaction.atomic():
        messages = list(
            queryset.select_for_update(skip_locked=True)
            .filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        if messages:
            OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).update(
                attempts=F("attempts") + 1, next_attempt_at=lease_until
            )
    for message in messages:
        message.attempts += 1
    return messages


def _email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=message.from_email,
        to=message.to,
        reply_to=message.reply_to or None,
        headers={"Message-ID": message.message_id},
        connection=connection,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _is_permanent(error: Exception) -> bool:
    # Every recipient refused with a 5xx: retrying cannot help. Other 5xx answers (auth,
    # a policy on DATA) can be a passing misconfiguration, so they keep their retries.
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return all(500 <= code < 600 for code, _ in error.recipients.values())
    return False


def _backoff(attempts: int) -> timedelta:
    base = outbox_setting("OUTBOX_BACKOFF_SECONDS")
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), outbox_setting("OUTBOX_BACKOFF_MAX_SECONDS")))


def _failure_record(message: OutboxMessage, error: Exception, counts: SendCounts) -> None:
    reason = f"{type(error).__name__}: {error}"[:4000]
    leased = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.QUEUED)
    if message.attempts >= outbox_setting("OUTBOX_MAX_ATTEMPTS") or _is_permanent(error):
        leased.update(status=OutboxStatus.DEAD, last_error=reason)
        logger.error("Outbox message %s (%s) is dead after %s attempts: %s",
                     message.pk, message.dedup_key, message.attempts, reason)
        counts.dead += 1
    else:
        leased.update(next_attempt_at=timezone.now() + _backoff(message.attempts), last_error=reason)
        logger.warning("Outbox message %s failed (attempt %s), will retry: %s", message.pk, message.attempts, reason)
        counts.retrying += 1


def _deliver(messages: list[OutboxMessage]) -> SendCounts:
    counts = SendCounts()
    if not messages:
        return counts
    connection = get_connection(fail_silently=False)
    try:
        for message in messages:
            try:
                accepted = connection.send_messages([_email(message, connection)])
                if accepted != 1:
                    raise smtplib.SMTPException("The mail backend did not accept the message.")
            except Exception as error:  # noqa: BLE001  (any failure is this message's, recorded and retried)
                _failure_record(message, error, counts)
                # A failed conversation can leave the session unusable: start the next afresh.
                _connection_close(connection)
            else:
                OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.QUEUED).update(
                    status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""
                )
                counts.sent += 1
    finally:
        _connection_close(connection)
    return counts


def _connection_close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001  (closing a broken session may fail too; nothing to keep)
        logger.debug("Closing the mail connection failed", exc_info=True)


def outbox_send_due(*, limit: int = 100, now: datetime | None = None) -> SendCounts:
    """Send up to `limit` due messages; two workers never take the same message."""
    messages = _claim(OutboxMessage.objects.all(), limit=limit, now=now or timezone.now())
    return _deliver(messages)


def message_send_now(*, message_id: int) -> SendCounts:
    """Best-effort immediate send of one message (after the commit that queued it)."""
    messages = _claim(OutboxMessage.objects.filter(pk=message_id), limit=1, now=timezone.now())
    return _deliver(messages)
