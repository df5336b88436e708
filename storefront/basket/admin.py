"""The Django admin of the basket app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.basket.admin import *
