"""Alembic environment for the server: runs on the connection Database.upgrade hands over."""

from core.migration_env import run_migrations
from server.models import Base

run_migrations(Base.metadata)
