"""Deterministic demo desks for trying the app and for benchmarks; headless, no Qt."""
