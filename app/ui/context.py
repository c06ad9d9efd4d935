"""What every UI feature is handed by the composition root: runner, events, settings, reference data."""

from __future__ import annotations

from dataclasses import dataclass

from app.config import Settings
from app.people.reference import ReferenceData
from app.ui.events import AppEvents
from app.ui.tasks import TaskRunner
from core.errors import ValidationError
from core.tickets.priority import DEFAULT_MATRIX, validate_matrix


@dataclass
class UiContext:
    runner: TaskRunner
    events: AppEvents
    settings: Settings
    reference: ReferenceData  # replaced (not mutated) when reference data reloads

    def __post_init__(self) -> None:
        # The change feed: every committed task's change record reaches the views (app.ui.events).
        self.runner.committed.connect(self.events.changed)

    @property
    def me(self) -> str | None:
        return self.reference.me

    @property
    def blob_dir(self):
        return self.runner.db.blob_dir

    @property
    def has_fts(self) -> bool:
        return self.runner.db.has_fts

    @property
    def matrix(self):
        try:
            return validate_matrix(self.settings.get("priority_matrix"))
        except ValidationError:
            return DEFAULT_MATRIX
