"""Management commands of price offers."""
