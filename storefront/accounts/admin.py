"""The accounts app's admin: Oscar's customer admin, as forked."""
from oscar.apps.customer.admin import *
