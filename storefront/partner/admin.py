"""The Django admin of the partner app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.partner.admin import *
