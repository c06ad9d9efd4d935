"""Small widgets shared across features."""
