"""The reference Deskside server as a backend: app.sync.client.SyncClient speaks its protocol as is."""

from __future__ import annotations

from typing import Any

from app.sync.backends.base import REFERENCE, Capabilities
from app.sync.client import SyncClient


class ReferenceBackend(SyncClient):
    """SyncClient with the capabilities the backend protocol asks for."""

    capabilities: Capabilities = REFERENCE


def make_backend(kind: str, url: str, **kwargs: Any):
    """The backend of a profile's settings ("deskside" or "rt") for `url`."""
    if kind == "rt":
        from app.sync.backends.rt.backend import RtBackend
        return RtBackend(url, **kwargs)
    return ReferenceBackend(url, **kwargs)
