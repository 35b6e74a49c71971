"""jalin: a personal network keeper."""

__version__ = "0.1.0"
