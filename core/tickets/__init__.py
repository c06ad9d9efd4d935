"""Ticket rules: workflows, the priority matrix, field validation."""
