"""Template tags of price offers."""
