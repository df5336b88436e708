"""Benchmark scripts: measurements printed for the notes, not timed tests."""
