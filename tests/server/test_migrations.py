"""The Alembic migrations build exactly the schema the ORM models describe, on both backends, and
running them again (every start does) is harmless."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from server.models import Base
from tests.server.conftest import BACKENDS, make_desk


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_match_the_models(backend, tmp_path):
    for desk in make_desk(backend, tmp_path):
        desk.admin("user", "list")
        desk.admin("user", "list")  # a second start finds the schema current
        engine = create_engine(desk.database_url)
        try:
            with engine.connect() as conn:
                assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        finally:
            engine.dispose()
