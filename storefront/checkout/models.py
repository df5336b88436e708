"""Oscar's checkout models, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.checkout.models import *
