"""Desk pieces the record practices (tickets, changes) share, below them and above the store."""
