"""`faultline serve` from the command line: refuses what it should before binding anything."""

from __future__ import annotations

import pytest

from faultline.api import is_loopback
from faultline.api.serve import serve
from faultline.cli import main
from faultline.errors import UsageError


def test_a_missing_database_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "nothing.duckdb")]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "nothing.duckdb").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_beyond_loopback_needs_a_token(store_path, host):
    with pytest.raises(UsageError, match="--token"):
        serve(str(store_path), host=host, port=8999)


@pytest.mark.parametrize("args, words", [(["--port", "0"], "port"), (["--rate", "-1"], "rate")])
def test_bad_flags_are_usage_errors(store_path, capsys, args, words):
    assert main(["serve", str(store_path), *args]) == 2
    assert words in capsys.readouterr().err


def test_loopback_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.1", "::", "host"))
