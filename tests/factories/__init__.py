"""Test data builders; each module covers one area (catalogue, artists, orders...)."""
