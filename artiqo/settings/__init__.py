"""Settings package: base (shared), dev (the embedded defaults), test, production."""
