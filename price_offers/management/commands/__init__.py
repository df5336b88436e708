"""`manage.py expire_offers`."""
