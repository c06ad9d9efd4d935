"""Sync backends: the servers a desk can sync with (the reference server, Request Tracker 5)."""
