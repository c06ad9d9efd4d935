"""Part-by-part building: an object made in parts (a generator), one part per call, so idle time can build it."""

from __future__ import annotations

from collections.abc import Iterator


class BuiltInSteps:
    """Mixin: the class sets `self._steps` to a generator that builds one part per `next()`."""

    _steps: Iterator[None]

    def build_step(self) -> bool:
        """Build the next part (a few ms of the GUI thread); True once every part is built."""
        try:
            next(self._steps)
        except StopIteration:
            return True
        return False

    def build_rest(self) -> None:
        """Build every part still to build, now."""
        for _ in self._steps:
            pass
