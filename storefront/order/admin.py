"""The Django admin of the order app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.order.admin import *
