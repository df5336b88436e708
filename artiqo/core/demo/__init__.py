"""Demo marketplace generator: deterministic artists, artworks, buyers and orders for `load_demo_data`."""
