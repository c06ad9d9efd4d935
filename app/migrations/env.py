"""Alembic environment: runs on the connection the store hands over, or on sqlalchemy.url."""

from app.models import Base
from core.migration_env import run_migrations

run_migrations(Base.metadata)
