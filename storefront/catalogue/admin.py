"""The Django admin of the catalogue app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.catalogue.admin import *
