"""Demo marketplace (entry floor): deterministic artists, artworks, buyers and orders for `load_demo_data`.

The generator modules sit at the top of the package; `manage.py load_demo_data` and
`manage.py setup_artiqo` (what `make run` calls) are its commands."""
