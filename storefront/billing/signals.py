"""Signals of billing, for the apps above it: the search index hears when features change."""
from django.dispatch import Signal

# Sent inside the transaction, with `artwork_ids`, when features of these works start,
# change or are withdrawn (an ended feature needs no signal: readers compare the dates).
features_changed = Signal()
