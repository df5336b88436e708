"""Oscar's basket models, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.basket.models import *
