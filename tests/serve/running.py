"""`listing-audit serve` as a real process on 127.0.0.1 for the browser tests: started on a free port, its
address read from its first line, stopped with Ctrl-C (SIGINT) as a person would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil


@dataclass
class Served:
    """A running dashboard."""

    process: subprocess.Popen[str]
    url: str

    def api(self, method: str, path: str, body: dict[str, Any] | None = None,
            token: str | None = None) -> tuple[int, dict[str, Any]]:
        """One API call: the status and the JSON answer."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def until_finished(self, job_id: str, token: str | None = None, timeout: float = 120) -> dict[str, Any]:
        """The job once it is done or failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _, job = self.api("GET", f"/api/audits/{job_id}", token=token)
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.3)
        raise AssertionError(f"the audit {job_id} did not finish in {timeout} s")

    def stop(self, timeout: float = 60) -> int:
        """Ctrl-C, as a person stops it; the exit code (every worker process must be gone by then)."""
        children = psutil.Process(self.process.pid).children(recursive=True)
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout)
        gone, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, f"left running: {[p.pid for p in alive]}"
        return code


def start(history: Path, *flags: str, env: dict[str, str] | None = None) -> Served:
    """Start the dashboard over `history` with `flags`; returns once it listens."""
    process = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--history", str(history), "--port", "0",
                                *flags], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, **(env or {})})
    assert process.stderr is not None
    line = process.stderr.readline()
    if "serving the dashboard at " not in line:
        process.kill()
        raise AssertionError(f"serve did not start: {line}{process.stderr.read()}")
    return Served(process, line.split("serving the dashboard at ")[1].split("/ ")[0])
