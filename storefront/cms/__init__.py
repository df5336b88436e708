"""Wagtail page types of the storefront (home page, editorial pages) and site settings."""
