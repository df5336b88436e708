"""Artiqo storefront: forked Oscar apps, the REST API and pages that are not Wagtail pages."""
