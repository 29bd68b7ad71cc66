"""--engine / --scheduler: a bad Dask scheduler fails at once, with one line and exit 2."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from faultline.cli import _options, build_parser, main
from faultline.errors import UsageError
from faultline.options import Options
from faultline.runner import check_engine, probe_scheduler


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "s1", "text": "Russia said its troops would return."})
                    + "\n", encoding="utf-8")
    return path


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def impostor() -> Iterator[str]:
    """A TCP server that answers every connection with bytes that are not Dask's protocol."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" * 4)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    server.close()


def _run(tmp_path: Path, *flags: str) -> tuple[int, float]:
    started = time.monotonic()
    code = main(["analyze", str(_input(tmp_path)), "--out", str(tmp_path / "out"),
                 "--stages", "entities", "--no-report", *flags])
    return code, time.monotonic() - started


def test_an_unreachable_scheduler_fails_fast_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    code, seconds = _run(tmp_path, "--engine", "dask", "--scheduler", address)
    err = capsys.readouterr().err.strip()
    assert code == 2 and seconds < 10
    assert err.splitlines() == [err] and address in err and "Traceback" not in err
    assert not (tmp_path / "out" / "faultline.duckdb").exists()  # no run recorded


def test_something_that_is_not_a_scheduler_fails_with_one_line(
        tmp_path: Path, impostor: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, seconds = _run(tmp_path, "--scheduler", impostor)
    err = capsys.readouterr().err.strip()
    assert code == 2 and seconds < 10
    assert len(err.splitlines()) == 1 and "no Dask scheduler answers" in err


@pytest.mark.parametrize("address", ["tcp://host:port", "tcp://:8786"])
def test_a_malformed_address_is_a_usage_error(address: str) -> None:
    with pytest.raises(UsageError, match="bad Dask scheduler address"):
        probe_scheduler(address, 1.0)


def test_an_unknown_host_is_named() -> None:
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://no-such"):
        probe_scheduler("tcp://no-such-host.invalid:8786", 1.0)


def test_scheduler_implies_the_dask_engine() -> None:
    args = build_parser().parse_args(["analyze", "--scheduler", "tcp://h:8786"])
    assert _options(args).engine == "dask"
    args = build_parser().parse_args(["analyze"])
    assert _options(args).engine == "local"


def test_scheduler_with_the_local_engine_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(tmp_path, "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2
    assert "--scheduler is for --engine dask" in capsys.readouterr().err
    with pytest.raises(UsageError):
        check_engine(Options(scheduler="tcp://127.0.0.1:8786"))


def test_a_real_scheduler_passes_the_probe() -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp",
                                       dashboard_address=":0")
    try:
        probe_scheduler(cluster.scheduler_address, 3.0)
    finally:
        cluster.close()
