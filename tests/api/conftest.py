"""Fixtures for the API tests: one analyzed store per session, copied where a test writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from faultline.api import create_app
from tests.api.fixture_store import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("api-store"))


def copy_store(src: Path, folder: Path) -> str:
    dst = folder / "copy.duckdb"
    shutil.copy(src, dst)
    return str(dst)


@pytest.fixture(scope="module")
def client(store_path, tmp_path_factory):
    """A read-only server over a copy of the store (module-scoped)."""
    app = create_app(copy_store(store_path, tmp_path_factory.mktemp("ro")), read_only=True)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.server.close()


@pytest.fixture
def writable(store_path, tmp_path):
    """A writable server over a fresh copy (for POST /analyze)."""
    app = create_app(copy_store(store_path, tmp_path))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.server.close()
