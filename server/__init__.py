"""Deskside reference sync server: FastAPI over SQLAlchemy (SQLite embedded or PostgreSQL for teams)."""
