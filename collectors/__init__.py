"""Collectors: a buyer's favourite works and followed artists."""
