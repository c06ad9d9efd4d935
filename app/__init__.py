"""Deskside: a native desktop service desk that works offline."""

__version__ = "0.1.0"
