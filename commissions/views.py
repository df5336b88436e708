"""Special-order pages: the buyer's form (neworder.html), list and detail, and each side's steps."""
from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from artists.exceptions import Conflict, NotFound, NotPermitted
from artists.models import Artist
from artists.web import form_errors_add, page_context
from commissions import selectors
from commissions.emails import special_order_path
from commissions.forms import DeliverForm, NoteForm, QuoteForm, ReasonForm, SpecialOrderForm, WaitlistForm
from commissions.models import WaitlistStatus
from commissions.services import (
    TRANSITIONS,
    actions_allowed,
    special_order_act,
    special_order_cart_add,
    special_order_create,
)
from commissions.waitlist import waitlist_join, waitlist_leave

Product = get_model("catalogue", "Product")
ROLE = "buyer"

# The input each step takes (accepting is a plain button).
ACTION_FORMS = {
    "quote": QuoteForm,
    "decline": partial(ReasonForm, required=True),
    "cancel": ReasonForm,
    "start": NoteForm,
    "deliver": DeliverForm,
    "complete": NoteForm,
}
DONE = {
    "quote": "Your quote is sent to the buyer.",
    "decline": "The special order is declined; the buyer has been told.",
    "accept": "Quote accepted: the work is in your cart. Check out to pay for it.",
    "start": "Marked in progress; the buyer has been told.",
    "deliver": "Marked delivered; the buyer has been emailed your note.",
    "complete": "Thank you! The special order is completed.",
    "cancel": "The special order is cancelled; the other side has been told.",
}


def _own_special_order(request, *, pk: int, role: str):
    special_order = selectors.special_order_get(user=request.user, pk=pk)
    # Someone else's special order is answered exactly like a missing one.
    if special_order is None or selectors.special_order_role(special_order, request.user) != role:
        raise Http404("You have no such special order.")
    return special_order


def special_order_page(request, *, pk: int, role: str, template: str, extra: dict | None = None,
                       bound: dict | None = None, status: int = 200):
    """One special order as `role` sees it: details, history, and forms for the steps open to them."""
    special_order = _own_special_order(request, pk=pk, role=role)
    allowed = actions_allowed(special_order=special_order, role=role)
    forms = {action: ACTION_FORMS[action](prefix=action) for action in allowed if action in ACTION_FORMS}
    forms.update(bound or {})
    return render(request, template, {
        "special_order": special_order,
        "role": role,
        "allowed": allowed,
        "forms": forms,
        "paid_line": selectors.special_order_paid_line(special_order),
        **(extra or {}),
    }, status=status)


def special_order_step(request, *, pk: int, action: str, role: str, template: str, extra: dict | None = None):
    """POST of one step; invalid input re-renders the page (400), a refused step says why."""
    if action not in TRANSITIONS or TRANSITIONS[action].by not in (role, "either"):
        raise Http404("There is no such step.")
    special_order = _own_special_order(request, pk=pk, role=role)
    form_class = ACTION_FORMS.get(action)
    form = form_class(request.POST, request.FILES, prefix=action) if form_class else None
    if form is None or form.is_valid():
        try:
            special_order_act(special_order=special_order, user=request.user, action=action,
                              data=form.cleaned_data if form else {})
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(special_order_path(special_order, role=role))
            form_errors_add(form, error)
        except NotFound as error:
            raise Http404(error.message) from error
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            messages.error(request, error.message)
            return redirect(special_order_path(special_order, role=role))
        else:
            messages.success(request, DONE[action])
            if action == "accept":
                return redirect("basket:summary")
            return redirect(special_order_path(special_order, role=role))
    return special_order_page(request, pk=pk, role=role, template=template, extra=extra, bound={action: form},
                              status=400)


def _inspiration(request, artist):
    """The artwork of `?artwork=<id>` ("commission something like this"), if it is this artist's."""
    artwork_id = request.GET.get("artwork") or request.POST.get("artwork")
    if not str(artwork_id or "").isdigit():
        return None
    from storefront.catalogue.selectors import artwork_get

    artwork = artwork_get(pk=int(artwork_id))
    return artwork if artwork is not None and artwork.artist_id == artist.pk else None


@login_required
def special_order_new(request, artist_slug: str):
    artist = Artist.objects.select_related("page", "page__portrait", "vibe").filter(slug=artist_slug).first()
    if artist is None:
        raise Http404("No artist here.")
    if not artist.accepts_commissions:
        return render(request, "commissions/closed.html", {"artist": artist}, status=404)
    if selectors.commission_availability(artist=artist).is_full and not _invited(artist, request.user):
        # Every slot is taken: the buyer's way in is the waitlist (their brief travels with them).
        return redirect("special_orders:waitlist", artist_slug=artist.slug)
    inspired_by = _inspiration(request, artist)
    initial = {"vibe": artist.vibe}
    if inspired_by is not None:
        initial.update(vibe=inspired_by.vibe, medium=inspired_by.medium, width_cm=inspired_by.width_cm,
                       height_cm=inspired_by.height_cm, title=f"Something like “{inspired_by.title}”")
    form = SpecialOrderForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            special_order = special_order_create(buyer=request.user, artist=artist, inspired_by=inspired_by,
                                                 **data)
        except ValidationError as error:
            form_errors_add(form, error, image_field="references")
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("special_orders:waitlist", artist_slug=artist.slug)
        else:
            messages.success(request, f"Your special order is sent to {artist.name}; you will get an email "
                                      f"when they answer.")
            return redirect("special_orders:detail", pk=special_order.pk)
    return render(request, "commissions/neworder.html", {
        "artist": artist, "form": form, "inspired_by": inspired_by,
    }, status=400 if request.method == "POST" else 200)


def _invited(artist, user) -> bool:
    entry = selectors.waitlist_entry_open(artist=artist, buyer=user)
    return entry is not None and entry.status == WaitlistStatus.INVITED


@login_required
def waitlist(request, artist_slug: str):
    """A full artist's waitlist for a buyer: their place in line, or joining it with their brief."""
    artist = Artist.objects.select_related("page", "page__portrait", "vibe").filter(slug=artist_slug).first()
    if artist is None:
        raise Http404("No artist here.")
    if not artist.accepts_commissions:
        return render(request, "commissions/closed.html", {"artist": artist}, status=404)
    form = WaitlistForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                waitlist_join(buyer=request.user, artist=artist, brief=form.cleaned_data["brief"])
            except ValidationError as error:
                form_errors_add(form, error)
            except (Conflict, NotFound) as error:
                messages.info(request, error.message)
                target = "special_orders:new" if error.code == "commissions_open" else "special_orders:waitlist"
                return redirect(target, artist_slug=artist.slug)
            else:
                messages.success(request, f"You are on {artist.name}'s waitlist: we will email you when a slot frees.")
                return redirect("special_orders:waitlist", artist_slug=artist.slug)
        status = 400
    entry = selectors.waitlist_entry_open(artist=artist, buyer=request.user)
    return render(request, "commissions/waitlist.html", {
        "artist": artist, "form": form, "entry": entry, "position": selectors.waitlist_position(entry=entry),
        "availability": selectors.commission_availability(artist=artist),
    }, status=status)


@require_POST
@login_required
def waitlist_leave_view(request, artist_slug: str):
    artist = Artist.objects.filter(slug=artist_slug).first()
    if artist is None:
        raise Http404("No artist here.")
    try:
        waitlist_leave(buyer=request.user, artist=artist)
    except NotFound as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"You have left {artist.name}'s waitlist.")
    return redirect("special_orders:waitlist", artist_slug=artist.slug)


@login_required
def special_order_list(request):
    queryset = selectors.special_order_list(user=request.user, role=ROLE)
    return render(request, "commissions/list.html", page_context(request, queryset))


@login_required
def special_order_detail(request, pk: int):
    special_order = selectors.special_order_get(user=request.user, pk=pk)
    if special_order is not None and selectors.special_order_role(special_order, request.user) == "artist":
        # The artist answers from the studio (the page their email links to).
        return redirect(reverse("studio:special-order", args=[pk]))
    return special_order_page(request, pk=pk, role=ROLE, template="commissions/detail.html")


@require_POST
@login_required
def special_order_action(request, pk: int, action: str):
    return special_order_step(request, pk=pk, action=action, role=ROLE, template="commissions/detail.html")


@require_POST
@login_required
def special_order_to_cart(request, pk: int):
    special_order = _own_special_order(request, pk=pk, role=ROLE)
    try:
        special_order_cart_add(special_order=special_order, user=request.user)
    except Conflict as error:
        messages.error(request, error.message)
        return redirect("special_orders:detail", pk=pk)
    messages.success(request, "The work is in your cart.")
    return redirect("basket:summary")
