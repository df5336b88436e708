"""Artiqo search: the forked Oscar search app (Haystack + Whoosh) and its index queue."""
import warnings

# Whoosh 2.7.4 (its last release) compares with `is 0`: Python warns when it first compiles
# the module, i.e. on the first start of a fresh install (`make run`), which is noise to a
# user. The app package loads before anything imports Whoosh.
warnings.filterwarnings("ignore", category=SyntaxWarning, module=r".*whoosh")
