"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_paths import SEED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
