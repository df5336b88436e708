"""A date column for the CMS's listings that reads right both ways.

Wagtail's DateColumn says how long ago a date was, and so calls every future date (a
feature's end, a plan's paid-until) "Just now". This one shows the date itself and, under
it, "in 3 weeks" or "2 days ago".
"""
from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from wagtail.admin.ui.tables import Column


def moment_text(value, *, now: datetime.datetime | None = None) -> str:
    """"in 3 weeks", "2 days ago" or "now" (within a minute either way)."""
    now = now or timezone.now()
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())
    if abs((value - now).total_seconds()) < 60:
        return "now"
    if value > now:
        return f"in {timeuntil(value, now, depth=1)}"
    return f"{timesince(value, now, depth=1)} ago"


class MomentColumn(Column):
    cell_template_name = "admin/moment_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context["raw_value"]
        context["moment"] = moment_text(value) if value else ""
        return context
