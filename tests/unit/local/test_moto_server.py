"""The port check before the local AWS endpoint starts."""

from __future__ import annotations

import socket

import pytest

from local.moto_server import ensure_port_free


def _listener() -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    return server


def test_a_listening_port_is_in_use() -> None:
    with _listener() as server:
        port = server.getsockname()[1]
        with pytest.raises(OSError, match=f"127.0.0.1:{port} is in use"):
            ensure_port_free("127.0.0.1", port)


def test_connections_left_in_time_wait_do_not_block_a_restart() -> None:
    # A stopped stack leaves its server-side connections in TIME_WAIT (the server closed
    # them first); `make serve` run again at once must still start.
    with _listener() as server:
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server side closes first: its end goes to TIME_WAIT
        assert client.recv(1) == b""
        client.close()
    # Without SO_REUSEADDR the port still looks taken.
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))

    ensure_port_free("127.0.0.1", port)


def test_port_zero_is_always_free() -> None:
    ensure_port_free("127.0.0.1", 0)
