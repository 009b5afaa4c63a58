"""The memory of a measured run's process tree, sampled every 50 ms in a process of its own (for `bench.py`).

It used to be a thread of the benchmark's process, which also serves the benchmark site: its sampling took the GIL
from the server's threads, and a warm re-audit, which waits on the server, came out 0.2-0.5 s slower with it than
without it (1,000 pages: 1.02-1.41 s against 0.85-0.93 s). In a process of its own it costs the run CPU only, as
the cold run pays too.

    python scripts/_treesampler.py PID      # samples PID's tree until its stdin closes, then prints the peaks as JSON
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLE_INTERVAL = 0.05
#: Linux >= 4.14 has a cheap per-process PSS summary; elsewhere the browser's memory is summed RSS
PSS_AVAILABLE = Path("/proc/self/smaps_rollup").exists()


@dataclass
class TreePeaks:
    """The peaks seen: the process's own RSS, and the summed PSS and RSS of all its descendants."""

    peak_self_rss: int = 0
    peak_tree_pss: int = 0
    peak_tree_rss: int = 0
    max_procs: int = 0
    samples: int = 0
    pss_available: bool = PSS_AVAILABLE


class TreeSampler:
    """Samples `pid`'s process tree from `start()` to `stop()` in a sampler process; its peaks, after `stop()`."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks = TreePeaks()
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Start the sampler process (it samples until `stop()`)."""
        self._process = subprocess.Popen([sys.executable, __file__, str(self.pid)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)

    def stop(self) -> TreePeaks:
        """End the sampling (closing the sampler's stdin) and read its peaks."""
        if self._process is not None:
            try:
                out, _ = self._process.communicate(input="", timeout=10)
                self.peaks = TreePeaks(**json.loads(out))
            except (subprocess.TimeoutExpired, ValueError, TypeError):
                self._process.kill()
                self._process.wait()
        return self.peaks


def sample(pid: int) -> TreePeaks:
    """Sample `pid`'s tree every SAMPLE_INTERVAL until this process's stdin closes (or `pid` ends)."""
    import psutil

    peaks = TreePeaks()
    try:
        proc = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return peaks
    while True:
        try:
            peaks.peak_self_rss = max(peaks.peak_self_rss, proc.memory_info().rss)
            kids = proc.children(recursive=True)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            break
        rss = pss = 0
        for kid in kids:
            try:
                kid_rss = kid.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            kid_pss = _pss(kid.pid) if PSS_AVAILABLE else None
            rss += kid_rss
            pss += kid_rss if kid_pss is None else kid_pss  # no PSS here, or the process just exited
        peaks.peak_tree_rss = max(peaks.peak_tree_rss, rss)
        peaks.peak_tree_pss = max(peaks.peak_tree_pss, pss)
        peaks.max_procs = max(peaks.max_procs, len(kids))
        peaks.samples += 1
        if select.select([sys.stdin], [], [], SAMPLE_INTERVAL)[0]:  # stdin readable: closed by `stop()`
            break
    return peaks


def _pss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


if __name__ == "__main__":
    print(json.dumps(asdict(sample(int(sys.argv[1])))))
