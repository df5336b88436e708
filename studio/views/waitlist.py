"""Studio page `/studio/waitlist/`: how many special orders the artist takes at once, and who waits for a slot."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from artists.web import artist_required, form_errors_add
from commissions.selectors import commission_availability, waitlist_for_artist
from commissions.waitlist import MAX_SLOTS, WAITLIST_INVITE_DAYS, commission_slots_set


class SlotsForm(forms.Form):
    slots = forms.IntegerField(
        label="Special orders at once", required=False, min_value=1, max_value=MAX_SLOTS,
        help_text="Leave empty for no limit. When this many are open (requested to in progress), buyers join your "
                  f"waitlist; each freed slot invites the first in line for {WAITLIST_INVITE_DAYS} days.",
    )


@artist_required
def waitlist(request, artist):
    form = SlotsForm(request.POST or None, initial={"slots": artist.commission_slots})
    if request.method == "POST" and form.is_valid():
        try:
            commission_slots_set(artist=artist, slots=form.cleaned_data["slots"])
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, "Saved: your commission slots are updated.")
            return redirect("studio:waitlist")
    return render(request, "studio/waitlist.html", {
        "artist": artist, "form": form, "availability": commission_availability(artist=artist),
        "entries": waitlist_for_artist(artist=artist)[:200],
    }, status=400 if request.method == "POST" else 200)
