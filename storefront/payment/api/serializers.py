"""Shapes of the payment endpoints: the pay body and a payment attempt with its history."""
from rest_framework import serializers

from storefront.payment.models import PaymentStatus

MONEY = {"max_digits": 12, "decimal_places": 2}


class PayRequestSerializer(serializers.Serializer):
    """`checkout: true` opens the gateway's hosted payment page; or pay at once with a `payment_method`
    (pm_...) or, in test mode, a Stripe test `card_number`."""

    checkout = serializers.BooleanField(
        required=False, default=False,
        help_text="Pay on the gateway's hosted page (a Stripe Checkout Session): the answer is 202 with "
                  "`checkout_url`; send the buyer there. They come back to `return_url`.",
    )
    card_number = serializers.CharField(max_length=23, required=False, allow_blank=True,
                                        help_text="Test mode: e.g. 4242 4242 4242 4242 (succeeds), "
                                                  "4000 0000 0000 0002 (declined), 4000 0027 6000 3184 (3-D Secure).")
    payment_method = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                           help_text="A Stripe PaymentMethod id, e.g. pm_card_visa.")
    return_url = serializers.URLField(max_length=1000, required=False,
                                      help_text="Where card authentication or the hosted page sends the buyer "
                                                "back (default: the order's payment page); the hosted page's "
                                                "cancel link adds `cancelled=1`.")

    def validate(self, attrs):
        given = [name for name in ("card_number", "payment_method") if attrs.get(name)]
        if attrs.get("checkout") and given:
            raise serializers.ValidationError({given[0]: ["Send either checkout: true or a card, not both."]})
        return attrs


class PaymentChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="date_created")
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    reason = serializers.CharField()
    source = serializers.CharField()
    stripe_event_id = serializers.CharField()
    stripe_object_id = serializers.CharField()


class PaymentAttemptSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    amount = serializers.DecimalField(**MONEY)
    amount_refunded = serializers.DecimalField(**MONEY)
    currency = serializers.CharField()
    gateway = serializers.CharField(help_text="`stripe`, or `test` for the built-in test gateway.")
    payment_intent = serializers.CharField(source="intent_id")
    next_action_url = serializers.CharField(help_text="While `requires_action`: send the buyer here.")
    checkout_url = serializers.CharField(help_text="A hosted-page attempt: while it is `pending`, send the "
                                                   "buyer here to pay.")
    failure_code = serializers.CharField()
    failure_message = serializers.CharField()
    card_brand = serializers.CharField()
    card_last4 = serializers.CharField()
    date_created = serializers.DateTimeField()
    date_updated = serializers.DateTimeField()
    history = PaymentChangeSerializer(many=True, source="history.all")


class OrderPaymentsSerializer(serializers.Serializer):
    order_number = serializers.CharField(source="number")
    order_status = serializers.CharField(source="status")
    test_mode = serializers.BooleanField()
    results = PaymentAttemptSerializer(many=True, source="payments.all")
