"""Dialogs shared by the window: command palette, errors."""
