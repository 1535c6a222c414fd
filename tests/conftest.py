"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_paths import CORPUS, SEED, require


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require(SEED)


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require(CORPUS / "labels.yaml").parent
