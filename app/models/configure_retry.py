"""Mapper configuration tried again when a model module was being imported on another thread meanwhile.

The model modules load on first use (app.models), and SQLAlchemy configures new mappers on the thread whose
statement first needs them, listing each registry's classes as it goes. A module imported on another thread at
that moment adds its classes to the list being read: RuntimeError "dictionary changed size during iteration". At
start the window's reference read failed so (the bundle's smoke test: one start in five, the queue never filled),
while the GUI thread imported the window's modules. Configuration picks up where it stopped, so it is tried again.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from typing import Any

ATTEMPTS = 20
PAUSE_S = 0.002

_mapper_module = importlib.import_module("sqlalchemy.orm.mapper")
log = logging.getLogger(__name__)


def is_concurrent_change(exc: BaseException) -> bool:
    """The error a list of the registry's classes raises when another thread adds one."""
    return isinstance(exc, RuntimeError) and "changed size during iteration" in str(exc)


def retrying(configure: Callable[..., Any]) -> Callable[..., Any]:
    """`configure`, called again (after a short pause) while it fails for a class added meanwhile."""

    def configure_again(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(ATTEMPTS):
            try:
                return configure(*args, **kwargs)
            except RuntimeError as exc:
                if not is_concurrent_change(exc) or attempt == ATTEMPTS - 1:
                    raise
                log.info("mapper configuration met a class another thread was adding; trying again")
                time.sleep(PAUSE_S)  # the other thread's import goes on meanwhile
        return None  # not reached

    configure_again.__wrapped__ = configure  # type: ignore[attr-defined]
    return configure_again


def install() -> None:
    """Route SQLAlchemy's configuration of new mappers (every caller looks it up in its module) through
    `retrying`; once per process."""
    current = getattr(_mapper_module, "_configure_registries")  # noqa: B009 - private: not in the module's stubs
    if not hasattr(current, "__wrapped__"):
        setattr(_mapper_module, "_configure_registries", retrying(current))  # noqa: B010
