"""Management commands of the demo app: demo data and the one-step set-up of `make run`."""
