"""Sync rules shared by desk and server: the three-way merge."""
