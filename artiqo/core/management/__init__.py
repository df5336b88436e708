"""Management commands of the project as a whole: demo data and one-step set-up."""
