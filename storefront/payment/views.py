"""Stripe's webhook endpoint: verify the signature on the raw body, record the event once, apply it."""
import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront.payment.gateway import WebhookSignatureInvalid
from storefront.payment.webhooks import webhook_event_receive

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"error": "Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)."}, status=400)
    from storefront.payment import stripe_api

    try:
        event = stripe_api.webhook_event_parse(
            payload=request.body, signature=request.headers.get("Stripe-Signature", ""), secret=secret,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
        )
    except WebhookSignatureInvalid as error:
        logger.warning("Rejected a webhook: %s", error)
        return JsonResponse({"error": f"Invalid signature: {error}"}, status=400)
    try:
        outcome = webhook_event_receive(event=event)
    except DatabaseError:
        # Nothing was recorded (the transaction rolled back): Stripe retries later.
        logger.exception("Webhook %s not applied yet", event.event_id)
        return JsonResponse({"error": "Temporarily unable to process this event."}, status=503)
    return JsonResponse({"received": True, "outcome": outcome})
