"""Stock records: Oscar's partner app, forked so the database refuses to oversell a work."""
