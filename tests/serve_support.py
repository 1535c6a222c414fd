"""The web app under a real uvicorn server in a thread, for the server and browser tests."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import uvicorn  # the serve extra, which the test extra includes

from validator.serve import create_app


@contextmanager
def running(**options):
    """The app under uvicorn in a thread, on a port the OS picks; yields the base URL."""
    config = uvicorn.Config(create_app(**options), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
