"""A local Dask cluster of separate processes (`dask scheduler` and `dask worker`s on 127.0.0.1).

For trying `batch --dask` on one machine, the tests that compare a Dask run with a local run, and the batch
benchmark. A real cluster is started by its operators; `batch --dask ADDRESS` only connects to it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DASK = Path(sys.executable).parent / "dask"


@contextmanager
def dask_cluster(folder: Path, workers: int = 2, timeout: float = 90.0) -> Iterator[str]:
    """A `dask scheduler` and `workers` single-thread `dask worker`s on 127.0.0.1; yields the address."""
    from distributed import Client

    info = folder / "scheduler.json"
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder}
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file",
                               str(info), "--no-dashboard"], **quiet)]
    try:
        deadline = time.monotonic() + timeout
        while not info.exists():
            if time.monotonic() > deadline or procs[0].poll() is not None:
                raise RuntimeError("the Dask scheduler did not start")
            time.sleep(0.2)
        for _ in range(workers):
            procs.append(subprocess.Popen([str(DASK), "worker", "--scheduler-file", str(info), "--host", "127.0.0.1",
                                           "--nworkers", "1", "--nthreads", "1", "--no-dashboard"], **quiet))
        address: str = json.loads(info.read_text(encoding="utf-8"))["address"]
        with Client(address, timeout=timeout) as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
