"""One row per email to send: queued in the caller's transaction, sent and retried by the worker."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    DEAD = "dead", "Dead (gave up)"


class OutboxMessage(models.Model):
    """An email, stored before it is sent so that it survives crashes and SMTP outages."""

    to = models.JSONField(help_text="Recipient addresses")
    # Whose email history shows it: the accounts that had a `to` address when it was queued
    # (a later change of address neither hides it from them nor shows it to a new owner).
    to_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="outbox_messages",
                                      help_text="The accounts it was sent to")
    reply_to = models.JSONField(default=list, blank=True)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=255)
    text = models.TextField()
    html = models.TextField(blank=True)
    # Generated once and reused on every attempt, so a receiver can drop a duplicate
    # delivery (an attempt the SMTP server took but whose answer we never got).
    message_id = models.CharField(max_length=255, unique=True)
    dedup_key = models.CharField(
        max_length=255, unique=True, help_text="The sender's name for this message; enqueueing it again is a no-op"
    )
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = "outbox message"

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
