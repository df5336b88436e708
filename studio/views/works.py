"""Studio pages (`/studio/`): the dashboard, an artist's own art, its orders, special orders received, the showcase."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from artists.exceptions import Conflict, NotFound
from artists.richtext import plain_from_rich_text
from artists.services import artist_showcase_update
from artists.web import artist_required, form_errors_add, page_context
from collectors.selectors import follower_count
from commissions import selectors as special_orders
from commissions.models import SpecialOrderStatus
from commissions.views import special_order_page, special_order_step
from storefront.order import statuses
from studio import selectors
from studio.forms import ArtworkForm, ShipForm, ShowcaseForm
from studio.services import (
    order_lines_ship,
    studio_artwork_create,
    studio_artwork_restore,
    studio_artwork_update,
    studio_artwork_withdraw,
    studio_image_remove,
)

ROLE = "artist"


def _form_status(request) -> int:
    # A form shown again after a POST was refused: say so with the status too.
    return 400 if request.method == "POST" else 200


@artist_required(others_to_apply=True)
def dashboard(request, artist):
    inbox = special_orders.special_order_list(user=request.user, role=ROLE)
    return render(request, "studio/dashboard.html", {
        "artist": artist,
        "waiting": inbox.filter(status__in=(SpecialOrderStatus.REQUESTED, SpecialOrderStatus.PAID))[:5],
        "recent_orders": selectors.studio_order_list(artist=artist)[:5],
        "artwork_count": selectors.studio_artwork_list(artist=artist).count(),
        "follower_count": follower_count(artist=artist),
    })


@artist_required
def artwork_list(request, artist):
    return render(request, "studio/artwork_list.html", {
        "artist": artist, **page_context(request, selectors.studio_artwork_list(artist=artist), per_page=24),
    })


@artist_required
def artwork_create(request, artist):
    form = ArtworkForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            artwork = studio_artwork_create(artist=artist, images=form.cleaned_data["images"],
                                            **form.service_fields())
        except ValidationError as error:
            form_errors_add(form, error, image_field="images")
        else:
            messages.success(request, f"“{artwork.title}” is now for sale.")
            return redirect("studio:artworks")
    return render(request, "studio/artwork_form.html", {"artist": artist, "form": form, "artwork": None},
                  status=_form_status(request))


def _own_artwork(artist, pk: int):
    artwork = selectors.studio_artwork_get(artist=artist, pk=pk)
    if artwork is None:
        raise Http404("You have no such artwork.")
    return artwork


def _artwork_initial(artwork) -> dict:
    initial = {name: getattr(artwork, name) for name in (
        "title", "description", "vibe", "medium", "style", "width_cm", "height_cm", "year", "kind", "edition_size")}
    initial["tags"] = ", ".join(tag.name for tag in artwork.tags.all())
    initial["colours"] = ", ".join(artwork.colours or [])
    initial["price"] = artwork.price
    initial["category"] = artwork.categories.order_by("path").last()  # the deepest of the first branch
    return initial


@artist_required
def artwork_edit(request, artist, pk: int):
    artwork = _own_artwork(artist, pk)
    form = ArtworkForm(request.POST or None, request.FILES or None, initial=_artwork_initial(artwork), editing=True)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        fields.pop("kind")
        try:
            studio_artwork_update(artist=artist, artwork=artwork, new_images=form.cleaned_data["images"], **fields)
        except ValidationError as error:
            form_errors_add(form, error, image_field="images")
        else:
            messages.success(request, f"“{artwork.title}” is saved.")
            return redirect("studio:artwork-edit", pk=artwork.pk)
    return render(request, "studio/artwork_form.html", {"artist": artist, "form": form, "artwork": artwork},
                  status=_form_status(request))


@require_POST
@artist_required
def artwork_withdraw(request, artist, pk: int):
    artwork = studio_artwork_withdraw(artist=artist, artwork=_own_artwork(artist, pk))
    messages.success(request, f"“{artwork.title}” is withdrawn from sale.")
    return redirect("studio:artworks")


@require_POST
@artist_required
def artwork_restore(request, artist, pk: int):
    try:
        artwork = studio_artwork_restore(artist=artist, artwork=_own_artwork(artist, pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{artwork.title}” is for sale again.")
    return redirect("studio:artworks")


@require_POST
@artist_required
def artwork_image_remove(request, artist, pk: int, image_id: int):
    try:
        studio_image_remove(artist=artist, artwork=_own_artwork(artist, pk), image_id=image_id)
    except NotFound as error:
        raise Http404(error.message) from error
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The image is removed.")
    return redirect("studio:artwork-edit", pk=pk)


ORDERS_PER_PAGE = 20
# What the studio says about one of the artist's lines, by the order's status, once it is not
# (or no longer) the artist's to ship: an order staff completed or refunded is never "not shipped".
LINE_STATES = {statuses.PAID: "To ship", statuses.SHIPPED: "To ship", statuses.COMPLETE: "Complete",
               statuses.REFUNDED: "Refunded"}


def _line_state(order, line) -> str:
    if line.status == statuses.SHIPPED:
        return "Shipped"
    return LINE_STATES.get(order.status, order.status)


def _ship_forms(orders) -> list:
    rows = []
    for order in orders:
        for line in order.artist_lines:
            line.studio_state = _line_state(order, line)
        unshipped = [line for line in order.artist_lines if line.status != statuses.SHIPPED]
        can_ship = order.status in (statuses.PAID, statuses.SHIPPED) and unshipped
        rows.append((order, ShipForm(lines=unshipped, prefix=f"o{order.pk}") if can_ship else None))
    return rows


@artist_required
def order_list(request, artist):
    context = page_context(request, selectors.studio_order_list(artist=artist, to_ship_first=True),
                           per_page=ORDERS_PER_PAGE)
    context["rows"] = _ship_forms(context["page_obj"].object_list)
    context["to_ship_count"] = selectors.studio_order_to_ship_count(artist=artist)
    return render(request, "studio/order_list.html", {"artist": artist, **context})


@require_POST
@artist_required
def order_ship(request, artist, number: str):
    order = selectors.studio_order_get(artist=artist, number=number)
    if order is None:
        raise Http404("No order of your art has this number.")
    unshipped = [line for line in order.artist_lines if line.status != statuses.SHIPPED]
    form = ShipForm(request.POST, lines=unshipped, prefix=f"o{order.pk}")
    if not form.is_valid():
        messages.error(request, "Tick the works you shipped.")
        return redirect("studio:orders")
    try:
        order_lines_ship(artist=artist, order=order, line_ids=form.cleaned_data["line_ids"],
                         note=form.cleaned_data["note"])
    except (Conflict, NotFound) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Order {order.number}: marked shipped; the buyer has been emailed.")
    return redirect("studio:orders")


@artist_required
def special_order_list(request, artist):
    status = request.GET.get("status") or None
    if status not in SpecialOrderStatus.values:
        status = None
    queryset = special_orders.special_order_list(user=request.user, role=ROLE, status=status)
    return render(request, "studio/special_order_list.html", {
        "artist": artist, "status": status, "statuses": SpecialOrderStatus.choices,
        "page_query": f"status={status}" if status else "", **page_context(request, queryset),
    })


@artist_required
def special_order_detail(request, artist, pk: int):
    return special_order_page(request, pk=pk, role=ROLE, template="studio/special_order_detail.html",
                              extra={"artist": artist})


@require_POST
@artist_required
def special_order_action(request, artist, pk: int, action: str):
    return special_order_step(request, pk=pk, action=action, role=ROLE,
                              template="studio/special_order_detail.html", extra={"artist": artist})


@artist_required
def showcase_edit(request, artist):
    page = getattr(artist, "page", None)
    if page is None:
        raise Http404("You have no showcase page yet.")
    initial = {
        "bio": plain_from_rich_text(page.bio), "statement": page.statement, "location": artist.location,
        "accepts_commissions": artist.accepts_commissions, "turnaround_weeks": artist.turnaround_weeks,
    }
    form = ShowcaseForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            artist_showcase_update(artist=artist, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error, image_field="portrait")
        else:
            messages.success(request, "Your showcase page is updated.")
            return redirect("studio:showcase")
    return render(request, "studio/showcase_form.html", {"artist": artist, "form": form, "page": page},
                  status=_form_status(request))
