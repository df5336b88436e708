"""REST endpoint of payouts: `GET /api/v1/studio/payouts` (the caller's payout account and transfers)."""
