"""The domain core: plain Python rules over plain records, with no Django and no I/O.

Everything that decides something about a relationship lives here, once: how a phone number or
a name is normalised, what cadence a person has and when they are due, how a typed name is
matched to a person. The Django app, the CLI and the web pages call these functions.
"""
