"""`manage.py` commands: load_demo_data, setup_artiqo."""
