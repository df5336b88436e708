"""The reviews API: a work's verified reviews, and writing one."""
