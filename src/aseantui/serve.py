"""`aseantui serve`: the same app in web browsers, through textual-serve.

Each browser tab that opens the page gets its own app process (textual-serve
starts the command once per web socket). A served process keeps its reading
history, bookmarks and settings in a private temporary folder that is removed
when the tab closes, so a classroom's readers never see or change each
other's state, nor the state of the account that runs the server. The
content folder is only ever read; the search index lives in the shared cache
(keyed by the content, written atomically under a lock).
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import sys
import tempfile

SERVED_ENV = "ASEANTUI_SERVED"
"""Set in the server's environment, so every app process it starts knows it is served."""
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(content: str | None, lang: str | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    args = [sys.executable, "-m", "aseantui"]
    if content:
        args += ["--content", os.path.abspath(content)]
    if lang:
        args += ["--lang", lang]
    return shlex.join(args)


def url(host: str, port: int) -> str:
    """The address browsers use; for a wildcard host, this machine's name on the network."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn() or "localhost"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(host: str, port: int, content: str | None = None, lang: str | None = None,
          public_url: str | None = None) -> int:
    """Serve the app until interrupted; returns the exit status."""
    from textual_serve.server import Server

    os.environ[SERVED_ENV] = "1"
    address = (public_url or url(host, port)).rstrip("/")
    server = Server(app_command(content, lang), host=host, port=port,
                    title="aseantui: ASEAN Secretariat encyclopedia", public_url=address)
    print(f"aseantui: serving at {address}/ (Ctrl+C to stop)", flush=True)
    server.serve()
    return 0


def private_state_dir() -> str | None:
    """For a served app process: point the user data dir at a fresh private folder.

    Returns the folder (to remove at exit), or None when the process is not served.
    """
    if os.environ.get(SERVED_ENV) != "1":
        return None
    folder = tempfile.mkdtemp(prefix="aseantui-session-")
    os.environ["ASEANTUI_DATA_DIR"] = folder
    return folder


def remove_state_dir(folder: str | None) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def is_served() -> bool:
    """True in an app process started by `aseantui serve` (its input is a pipe, not a tty)."""
    return os.environ.get(SERVED_ENV) == "1"
