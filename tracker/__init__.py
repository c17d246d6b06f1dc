"""Growth Tracker: make the split between routine work and growth work visible."""

__version__ = "0.1.0"
