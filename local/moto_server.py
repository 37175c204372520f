"""The AWS endpoint of the local stack in its own process: `python -m local.moto_server`.

moto answers in pure Python; in a process of its own it runs beside the functions instead of
sharing their interpreter lock, and its state cannot mix with anything else in the caller
(tests using moto's in-process mock, another stack). Prints `READY <host> <port>` once it
listens, and stops when its standard input closes (so it never outlives the stack) or on
SIGTERM; it ignores SIGINT (the parent handles Ctrl-C).
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
import threading
from types import FrameType

from moto.server import ThreadedMotoServer

from local import moto_patches


def ensure_port_free(host: str, port: int) -> None:
    """Raise OSError when `port` is taken (moto's server would hang instead of failing).

    The probe binds as the server will, with SO_REUSEADDR: connections of a stack that just
    stopped linger in TIME_WAIT for a minute and must not block a restart, while a socket
    still listening on the port does.
    """
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(f"{host}:{port} is in use ({error.strerror})") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.moto_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4566, help="0: a free port")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto_patches.install()
    try:
        ensure_port_free(args.host, args.port)
    except OSError as error:
        print(f"ERROR {error}", flush=True)
        return 1
    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    print(f"READY {host} {port}", flush=True)
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    # Ctrl-C in a terminal reaches the whole process group: the parent stops the stack and
    # then closes our input; dying first would fail its last requests.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def _watch_input() -> None:
        sys.stdin.read()
        done.set()

    threading.Thread(target=_watch_input, daemon=True).start()
    done.wait()
    # No graceful shutdown: the server thread is a daemon and its state dies with the process.
    return 0


if __name__ == "__main__":
    sys.exit(main())
