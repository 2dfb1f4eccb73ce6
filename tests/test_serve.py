"""`aseantui serve`: the app in a web browser, one private app process per tab.

The browser test drives Debian's headless Chromium (installed by .ci/run) with
selenium and its chromedriver: it loads the page, types a query into the
terminal and waits until the served app has painted a result. The text the
app paints travels over the page's web socket; a script added to the page
before it loads keeps a decoded copy of it for the test to read.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from aseantui.serve import SERVED_ENV, app_command, private_state_dir, url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.communicate()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    env = dict(os.environ, NO_COLOR="")
    proc = subprocess.Popen(
        [sys.executable, "-m", "aseantui", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_command_run_per_session_is_this_python_with_the_options() -> None:
    command = app_command("some/dir", "id")
    assert command.startswith(sys.executable)
    assert f"--content {os.path.abspath('some/dir')}" in command
    assert command.endswith("--lang id")
    assert url("127.0.0.1", 8123) == "http://127.0.0.1:8123/"
    assert url("::1", 80) == "http://[::1]:80/"


def test_a_served_process_keeps_its_state_in_a_private_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SERVED_ENV, raising=False)
    assert private_state_dir() is None
    monkeypatch.setenv(SERVED_ENV, "1")
    first = private_state_dir()
    second = private_state_dir()
    assert first and second and first != second
    assert os.environ["ASEANTUI_DATA_DIR"] == second
    for folder in (first, second):
        shutil.rmtree(folder)


def test_serve_listens_on_localhost_and_prints_the_url(
    server: tuple[int, subprocess.Popen[str]],
) -> None:
    port, proc = server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        page = response.read().decode("utf-8")
    assert f"ws://127.0.0.1:{port}/ws" in page
    assert proc.stdout is not None
    assert f"http://127.0.0.1:{port}/" in proc.stdout.readline()


def test_a_taken_port_is_a_one_line_error(
    server: tuple[int, subprocess.Popen[str]],
) -> None:
    port, _ = server
    result = subprocess.run(
        [sys.executable, "-m", "aseantui", "serve", "--port", str(port)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_port_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aseantui", "serve", "--port", "70000"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "not a TCP port" in result.stderr


RECORD_SOCKET_TEXT = """
window.__painted = "";
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener("message", async (event) => {
    if (typeof event.data === "string") return;
    const bytes = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
    window.__painted += new TextDecoder().decode(new Uint8Array(bytes));
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
"""


@pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no chromium/chromedriver on this machine (.ci/run installs Debian's)",
)
def test_a_browser_loads_the_app_types_a_query_and_sees_a_result(
    server: tuple[int, subprocess.Popen[str]],
) -> None:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    port, _ = server
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": RECORD_SOCKET_TEXT})
        driver.get(f"http://127.0.0.1:{port}/")
        painted = "return window.__painted || ''"
        try:
            WebDriverWait(driver, 60).until(lambda d: "aseantui" in d.execute_script(painted))
            WebDriverWait(driver, 30).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea"))
            box = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
            before = len(driver.execute_script(painted))
            box.send_keys("pejambon")
            WebDriverWait(driver, 60).until(
                lambda d: any(word in d.execute_script(painted)[before:]
                              for word in ("Pejambon", "Location")))
        except TimeoutException:
            shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", driver.execute_script(painted))
            pytest.fail(f"the page never showed it; it painted: {shown[-1500:]!r}")
    finally:
        driver.quit()
