"""The API's building blocks every app's `api/` package uses: base views, the error handler, schema helpers, routing, permissions, throttles."""
