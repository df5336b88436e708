"""Oscar's shipping models, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.shipping.models import *
