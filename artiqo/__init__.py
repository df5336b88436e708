"""Artiqo: a marketplace where local artists show and sell their art."""
