"""Satisfaction surveys: signed rating links mailed on resolve, and the pages that record the answer."""
