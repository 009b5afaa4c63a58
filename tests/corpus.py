"""The real pages in ../shared/corpus (beside the repository); tests that read them skip cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_file(relative: str) -> Path:
    """A corpus file, or a skip (with the reason) when ../shared/corpus is not there."""
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"real corpus page not available: {path}")
    return path
