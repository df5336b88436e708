"""Cross-cutting pieces of the Artiqo project (health check, template tags)."""
