"""Models of the accounts app (Oscar's `customer` fork): login lock-outs, then Oscar's own."""
from django.db import models


class LoginLockout(models.Model):
    """Failed logins counted per account (or per unknown name), whatever the client IP.

    Kept in the database rather than the cache so every web process sees the same count.
    """

    subject = models.CharField(max_length=190, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table was created by the API app (label `api`) before the model moved here.
        db_table = "api_loginlockout"

    def __str__(self):
        return f"{self.subject}: {self.failures} failures"


from oscar.apps.customer.models import *  # noqa: E402,F401,F403
