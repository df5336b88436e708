"""The studio: an artist's back office (works, orders of them, special orders received, payouts, billing)."""
