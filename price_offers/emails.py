"""Mail of price offers: each step tells the other side, queued through the outbox in the step's transaction."""
from __future__ import annotations

import logging

from django.urls import reverse

from artiqo.core.links import absolute_url
from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue

logger = logging.getLogger(__name__)

# What each step says, to whom it goes: (subject, sentence). {work}, {buyer}, {artist}, {amount} are filled in.
EVENTS = {
    "made": ("New offer on “{work}”",
             "{buyer} offers {amount} for “{work}”. Accept, counter or decline within 72 hours."),
    "countered": ("{artist} made you a counter-offer", "{artist} answers your offer on “{work}” with {amount}. "
                  "Accept it within 72 hours and the work goes into your cart at that price."),
    "accepted": ("Your offer on “{work}” is accepted", "{artist} accepted {amount} for “{work}”. It is in your cart "
                 "at that price for 24 hours: check out to make it yours."),
    "counter_accepted": ("{buyer} accepted your counter-offer", "{buyer} accepted {amount} for “{work}”. "
                         "It is in their cart at that price for 24 hours."),
    "declined": ("Your offer on “{work}” was declined", "{artist} declined your offer of {amount} for “{work}”. "
                 "The work is still for sale at its price."),
    "counter_declined": ("{buyer} declined your counter-offer", "{buyer} declined your counter-offer of {amount} "
                         "for “{work}”."),
    "withdrawn": ("{buyer} withdrew their offer on “{work}”",
                  "{buyer} withdrew their offer of {amount} for “{work}”. The work is for sale at its price again."),
    "expired": ("An offer on “{work}” expired",
                "The offer of {amount} for “{work}” expired without an answer in time."),
    "closed": ("“{work}” has been sold", "“{work}” has been sold, so your offer of {amount} is closed."),
}


def offer_path(offer, *, role: str) -> str:
    """Where each side sees the offer: the studio for the artist, the buyer's offers page for the buyer."""
    return reverse("studio:offers") if role == "artist" else reverse("price_offers:list")


def offer_notify(*, offer, event: str, to: str, was: str = "") -> None:
    """Tell `to` ("buyer" or "artist") about `event` on `offer`, once per offer, event and status."""
    recipient = offer.artist.user if to == "artist" else offer.buyer
    if not recipient.email:
        logger.warning("Offer %s: the %s has no email address", offer.pk, to)
        return
    amount_value = offer.counter_amount if event in ("countered", "counter_accepted", "counter_declined") \
        else offer.amount
    if event in ("expired", "withdrawn") and was == "accepted":
        amount_value = offer.agreed_price
    facts = {"work": offer.product.get_title(), "buyer": person_name(offer.buyer), "artist": offer.artist.name,
             "amount": f"{amount_value} {offer.currency}"}
    subject, sentence = EVENTS[event]
    message_render_enqueue(
        to=[recipient.email],
        template="price_offer",
        context={"subject": subject.format(**facts), "sentence": sentence.format(**facts),
                 "recipient_name": offer.artist.name if to == "artist" else person_name(recipient),
                 "message": offer.message if event == "made" else "",
                 "action_url": absolute_url(offer_path(offer, role=to)),
                 "work_url": absolute_url(offer.product.get_absolute_url())},
        dedup_key=f"price-offer-{offer.pk}-{event}-{was or offer.status}",
    )
