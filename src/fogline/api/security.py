"""Guards of the API: write token, who may read, body size limit, security headers.

Writes need the token (``FOGLINE_API_TOKEN`` or :class:`~fogline.api.Settings.token`),
sent as ``Authorization: Bearer TOKEN`` or ``X-Fogline-Token: TOKEN`` and compared in
constant time. Reads are open to loopback clients; other clients need the token too
unless the server was started with ``open_reads``.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from typing import Any

from fastapi import HTTPException, Request

LOGGER = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def presented_token(request: Request) -> str | None:
    """The token a request carries (Bearer header or X-Fogline-Token), if any."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.headers.get("x-fogline-token")


def token_matches(expected: str | None, presented: str | None) -> bool:
    """Constant-time comparison; False when no token is configured or none was sent."""
    if not expected or presented is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), presented.encode("utf-8"))


def is_loopback(host: str | None) -> bool:
    """Whether a client address is this machine (127.0.0.0/8, ::1)."""
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_write(request: Request) -> None:
    """Dependency of every write route: 403 without writes configured, 401 on a bad token."""
    settings = request.app.state.settings
    if not settings.token:
        raise HTTPException(403, "writes are disabled: set FOGLINE_API_TOKEN to enable them")
    if not token_matches(settings.token, presented_token(request)):
        raise HTTPException(
            401, "a valid write token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def require_read(request: Request) -> None:
    """Dependency of every read route: loopback clients, open_reads, or the token."""
    settings = request.app.state.settings
    client = request.client.host if request.client else None
    if settings.open_reads or is_loopback(client):
        return
    if not token_matches(settings.token, presented_token(request)):
        raise HTTPException(
            401, "reads from other machines need the token", headers={"WWW-Authenticate": "Bearer"}
        )


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """ASGI middleware: refuse bodies over ``max_body`` bytes (413) and add security headers."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Pass one ASGI call on; 413 when the request body is over ``max_body`` bytes.

        HTTP responses get the security headers; other scopes (lifespan, websockets) pass unchanged.
        """
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_error(send, 413, f"request body over {self.max_body} bytes")
            return
        received = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers") or []) + SECURITY_HEADERS
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _send_error(send, 413, f"request body over {self.max_body} bytes")


async def _send_error(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS}
    )
    await send({"type": "http.response.body", "body": body})
