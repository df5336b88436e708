"""Orders: Oscar's order app, forked for stock holds, idempotent placement, statuses and notifications."""
