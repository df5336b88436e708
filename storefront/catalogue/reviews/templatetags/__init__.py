"""Template tags of verified reviews."""
