"""Writes: every change to the owner's data goes through a service here.

Services take keyword-only arguments, run in one transaction, validate through the domain
core, and raise :mod:`jalin.core.errors` for bad input, changing nothing.
"""
