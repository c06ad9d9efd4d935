"""An ASGI guard that refuses request bodies over the limit with 413, before the app reads them."""

from __future__ import annotations

import json

from server.config import Settings


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _limit(self, path: str) -> int:
        return self.settings.max_chunk_bytes if path.startswith("/v1/blobs/") else self.settings.max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self._limit(scope.get("path", ""))
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _too_large(send, limit)
        seen = 0
        started = exceeded = False

        async def counted_receive():
            # Bodies without a length (chunked) are counted as they stream in.
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise BodyTooLarge()
            return message

        async def tracked_send(message):
            nonlocal started
            if exceeded:
                # The framework turned our exception into its own 400 "error parsing the body";
                # answer what really happened instead and drop its body.
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _too_large(send, limit)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": {"code": "too_large",
                                  "message": f"The request body is larger than {limit} bytes."}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
