"""`/studio/apply/`: how to sell on Artiqo, and the application a signed-in buyer sends to do so."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from artists.exceptions import Conflict
from artists.models import ArtistApplicationStatus
from artists.selectors import artist_application_latest, artist_for_user
from artists.services import artist_application_submit
from artists.web import form_errors_add
from storefront.billing.selectors.plans import marketplace_settings, plan_list_offered
from studio.forms import ArtistApplicationForm


@login_required
def apply(request):
    if artist_for_user(user=request.user) is not None:
        return redirect("studio:dashboard")
    latest = artist_application_latest(user=request.user)
    pending = latest if latest is not None and latest.status == ArtistApplicationStatus.PENDING else None
    declined = latest if latest is not None and latest.status == ArtistApplicationStatus.DECLINED else None
    form = None
    if pending is None:
        initial = {"name": request.user.get_full_name()}
        if declined is not None:
            initial = {field: getattr(declined, field) for field in ("name", "location", "vibe", "about",
                                                                     "portfolio_url")}
        form = ArtistApplicationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                artist_application_submit(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            except Conflict as error:
                messages.info(request, error.message)
                return redirect("studio:apply")
            else:
                messages.success(request, "Thank you: your application is sent. We will email you our answer.")
                return redirect("studio:apply")
    elif request.method == "POST":
        messages.info(request, "Your application is being reviewed; we will email you the answer.")
        return redirect("studio:apply")
    status = 400 if request.method == "POST" else 200
    return render(request, "studio/apply.html", {
        "form": form, "pending": pending, "declined": declined,
        # What selling costs, as admins set it in the CMS (never a number written into the page).
        "commission_rate": marketplace_settings().commission_rate, "plans": plan_list_offered(),
    }, status=status)
