"""Helpers for importer tests: the real export files in ../shared/realdata, and running a parser."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from jalin.importers.base import ImportOptions, ImportSource
from tests.conftest import IN_CI

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def realdata_path(relative: str) -> Path:
    """Return a sample under ../shared/realdata; skip (fail in CI) when the folder is absent."""
    path = REALDATA / relative
    if not REALDATA.is_dir():
        if IN_CI:
            pytest.fail(f"{REALDATA} is missing; CI must have ../shared beside the clone")
        pytest.skip(f"the real export samples are not here ({REALDATA} is absent)")
    assert path.exists(), f"no sample {relative}"
    return path


def require_realdata() -> None:
    """Skip (fail in CI) a test that needs the samples when ../shared is absent."""
    realdata_path("")


def realdata_files(folder: str, *suffixes: str) -> list[str]:
    """Return the sample names in a realdata folder, for parametrising (empty when absent)."""
    directory = REALDATA / folder
    if not directory.is_dir():
        return []
    return sorted(
        f"{folder}/{p.name}"
        for p in directory.iterdir()
        if not suffixes or p.name.endswith(suffixes)
    )


def source_for(path: Path) -> ImportSource:
    return ImportSource(name=path.name, open=lambda: path.open("rb"))


def source_from_bytes(data: bytes, name: str = "sample") -> ImportSource:
    import io

    return ImportSource(name=name, open=lambda: io.BytesIO(data))


def parse_all(module: ModuleType, path: Path, **options) -> list:
    """Run ``module.parse`` over a file and return every record it yields."""
    options.setdefault("filename", path.name)
    return list(module.parse(source_for(path), ImportOptions(**options)))


def of_type(records: list, kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]
