"""The catalogue part of the API: artworks and artists."""
