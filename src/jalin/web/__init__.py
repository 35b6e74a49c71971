"""The web app: thin views over the core's selectors and services."""
