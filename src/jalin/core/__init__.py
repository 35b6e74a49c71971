"""The Django app that keeps jalin's data: models, selectors (reads) and services (writes)."""
