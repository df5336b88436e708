"""The Django admin of the reviews app: Oscar's, unchanged (a fork keeps Oscar's module layout)."""
from oscar.apps.catalogue.reviews.admin import *
