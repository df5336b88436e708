"""The Django admin of the shipping app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.shipping.admin import *
