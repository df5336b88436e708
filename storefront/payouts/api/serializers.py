"""Shapes of the payouts endpoint: the artist's payout account and their transfers."""
from rest_framework import serializers

from storefront.payouts.models import MONEY, TransferStatus

ACCOUNT_STATES = ("none", "incomplete", "restricted", "ready")


class PayoutAccountSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=ACCOUNT_STATES,
                                    help_text="`none` (not started), `incomplete`, `restricted` (the provider "
                                              "needs more details) or `ready` (transfers go out).")
    account_id = serializers.CharField(allow_null=True, help_text="The gateway's account id (acct_...).")
    gateway = serializers.CharField(allow_null=True, help_text="`stripe`, or `test` for the built-in test gateway.")
    payouts_enabled = serializers.BooleanField()
    charges_enabled = serializers.BooleanField()
    details_submitted = serializers.BooleanField()
    date_onboarded = serializers.DateTimeField(allow_null=True)

    def to_representation(self, account):  # None: the artist has not started onboarding
        if account is None:
            return {"state": "none", "account_id": None, "gateway": None, "payouts_enabled": False,
                    "charges_enabled": False, "details_submitted": False, "date_onboarded": None}
        return {**super().to_representation(account), "state": account.state}


class PayoutTransferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order_number = serializers.CharField(source="order.number")
    amount = serializers.DecimalField(**MONEY, help_text="Your net of the order: price minus commission, "
                                                         "less refunds made before it was sent.")
    amount_reversed = serializers.DecimalField(**MONEY, help_text="Taken back after a refund.")
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=TransferStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    date_created = serializers.DateTimeField()
    date_updated = serializers.DateTimeField()
    date_paid = serializers.DateTimeField(allow_null=True)
    date_reversed = serializers.DateTimeField(allow_null=True)


class PayoutListSerializer(serializers.Serializer):
    """One page of the caller's transfers (newest first), with their payout account."""

    account = PayoutAccountSerializer()
    test_mode = serializers.BooleanField(help_text="True when the built-in test gateway stands in for Stripe.")
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PayoutTransferSerializer(many=True)
