"""Uploads over a real socket: no body is read before the session is checked, and a streamed body is cut at the cap.

The requests are chunked (no Content-Length), as a client that wants to fill
the server's disk would send them, to a live server on a free port.
"""
from __future__ import annotations

import re
import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest

from tests.web.data import PASSWORD
from tests.web.live import serve
from web.app import create_app
from web.settings import Settings

CHUNK = 64 * 1024
BOUNDARY = "iki-test-boundary"
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    with serve(create_app(settings)) as base:
        yield base


def _signed_in(base: str) -> tuple[str, str]:
    """The Cookie header and CSRF token of an officer's session on the live server."""
    with httpx.Client(base_url=base) as client:
        token = TOKEN.search(client.get("/login").text).group(1)
        signed = client.post("/login", data={"name": "olivia", "password": PASSWORD, "csrf_token": token})
        assert signed.status_code in (200, 303)
        token = TOKEN.search(client.get("/queue").text).group(1)
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return cookie, token


def _open_chunked_upload(base: str, extra_headers: str = "") -> socket.socket:
    address = urlparse(base)
    sock = socket.create_connection((address.hostname, address.port), timeout=10)
    head = (f"POST /uploads HTTP/1.1\r\nHost: {address.netloc}\r\nTransfer-Encoding: chunked\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nAccept: application/json\r\n"
            f"{extra_headers}\r\n")
    part = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"besar.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n")
    sock.sendall(head.encode() + _chunk(part.encode()))
    return sock


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _status(sock: socket.socket, wait: float) -> int | None:
    """The status of the response if one arrives within `wait` seconds, else None."""
    readable, _, _ = select.select([sock], [], [], wait)
    if not readable:
        return None
    line = sock.recv(4096).split(b"\r\n", 1)[0]
    return int(line.split()[1]) if line.startswith(b"HTTP/1.1") else None


def test_an_upload_without_a_session_is_answered_before_its_body_is_read(server: str) -> None:
    sock = _open_chunked_upload(server)
    try:
        sock.sendall(_chunk(b"x" * CHUNK))
        assert _status(sock, 10) == 401, "the server waited for the body before checking the session"
    finally:
        sock.close()


def test_a_streamed_upload_is_cut_off_at_the_cap(server: str, settings: Settings) -> None:
    cookie, token = _signed_in(server)
    sock = _open_chunked_upload(server, f"Cookie: {cookie}\r\nX-CSRF-Token: {token}\r\n")
    sent, status, deadline = 0, None, time.monotonic() + 120
    limit = 20 * settings.upload_request_bytes
    try:
        while status is None and sent < limit and time.monotonic() < deadline:
            try:
                sock.sendall(_chunk(b"x" * CHUNK))
                sent += CHUNK
            except OSError:  # the server answered and closed the connection
                status = _status(sock, 5)
                break
            status = _status(sock, 0)
    finally:
        sock.close()
    assert status == 413
    assert sent < 4 * settings.upload_request_bytes, f"{sent >> 20} MB were read before the refusal"
