"""Artiqo search: the forked Oscar search app (Haystack + Whoosh) and its index queue."""
