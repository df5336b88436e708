"""The API's building blocks every app's `api/` package uses.

Base views, the error handler, schema helpers, routing, permissions, throttles.
"""
