"""Verified reviews: Oscar's reviews app, forked so that only buyers who received a work review it."""
