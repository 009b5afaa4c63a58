"""The benchmark's memory sampler: the peaks of a process tree, sampled from a process of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_sampler_sees_the_peak_of_a_process_and_its_descendants() -> None:
    pytest.importorskip("psutil", reason="the sampler reads memory with psutil")
    sys.path.insert(0, str(ROOT / "scripts"))
    from _treesampler import TreeSampler

    grandchild = "b = bytearray(80_000_000); import time; time.sleep(1.5)"
    child = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, "
                                                    f"'-c', {grandchild!r}])"])
    sampler = TreeSampler(child.pid)
    sampler.start()
    child.wait(timeout=30)
    peaks = sampler.stop()
    assert peaks.samples >= 5
    assert peaks.max_procs >= 1
    assert peaks.peak_tree_rss >= 80_000_000 and peaks.peak_tree_pss >= 60_000_000
    assert 0 < peaks.peak_self_rss < 80_000_000, "the child's own memory apart from its descendants'"


def test_stopping_the_sampler_of_a_process_still_running_returns_its_peaks() -> None:
    pytest.importorskip("psutil", reason="the sampler reads memory with psutil")
    sys.path.insert(0, str(ROOT / "scripts"))
    from _treesampler import TreeSampler

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        sampler = TreeSampler(child.pid)
        sampler.start()
        subprocess.run([sys.executable, "-c", "import time; time.sleep(0.5)"], check=True)
        peaks = sampler.stop()
        assert peaks.samples >= 2 and peaks.peak_self_rss > 0 and peaks.max_procs == 0
    finally:
        child.kill()
        child.wait()
