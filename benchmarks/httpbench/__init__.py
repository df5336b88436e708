"""`make bench-http`: the shop under gunicorn loaded by wrk, and entry pages on a throttled phone in Chromium."""
