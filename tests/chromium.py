"""A page driven in headless Chromium over the DevTools protocol (a websocket): open it, run
scripts in it, wait for what it shows, take a screenshot. Used where ``/usr/bin/chromium`` and
the ``websockets`` package are installed; the tests skip otherwise."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OPTIONS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--window-size=1280,1600"]  # fmt: skip


def missing() -> str | None:
    """Why the page cannot be driven here, or ``None``."""
    if shutil.which(CHROMIUM) is None:
        return "chromium is not installed"
    try:
        import websockets  # noqa: F401
    except ImportError:
        return "the websockets package is not installed"
    return None


class Page:
    """One page of a running Chromium, spoken to over its DevTools websocket."""

    def __init__(self, socket_: Any) -> None:
        self.socket, self.count = socket_, 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.count += 1
        sent = self.count
        await self.socket.send(json.dumps({"id": sent, "method": method, "params": params}))
        while True:
            message = json.loads(await self.socket.recv())
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(message["error"])
                result: dict[str, Any] = message["result"]
                return result

    async def run(self, script: str) -> Any:
        """The value of ``script`` (a JSON value) in the page."""
        found = await self.call(
            "Runtime.evaluate", expression=script, returnByValue=True, awaitPromise=True
        )
        return found["result"].get("value")

    async def until(self, script: str, timeout: float = 30) -> Any:
        """The first true value of ``script``, tried every 0.2 s for ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = await self.run(script)
            if value:
                return value
            await asyncio.sleep(0.2)
        raise TimeoutError(script)

    async def screenshot(self) -> bytes:
        """The page as a PNG."""
        shot = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(shot["data"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def opened(url: str) -> AsyncIterator[Page]:
    """``url`` open in a new headless Chromium (its own profile), closed after."""
    import websockets

    port = _free_port()
    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            [CHROMIUM, *OPTIONS, f"--user-data-dir={profile}",
             f"--remote-debugging-port={port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            address = None
            deadline = time.monotonic() + 30
            while address is None and time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
                        pages = [t for t in json.load(answer) if t["type"] == "page"]
                    address = pages[0]["webSocketDebuggerUrl"] if pages else None
                except OSError:
                    await asyncio.sleep(0.2)
            if address is None:
                raise RuntimeError("chromium did not start")
            async with websockets.connect(address, max_size=100_000_000) as connection:
                page = Page(connection)
                await page.call("Page.enable")
                await page.call("Page.navigate", url=url)
                yield page
        finally:
            browser.terminate()
            browser.wait(timeout=10)
