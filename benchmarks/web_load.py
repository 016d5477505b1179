"""Latency of the web app's list endpoints under concurrent requests, against a server on 127.0.0.1.

Run from the repository root (it is not part of the test suite):

    python -m benchmarks.web_load                          # the reference corpus, 2,000 requests, 200 at a time
    python -m benchmarks.web_load --db out/demo.duckdb --requests 500 --concurrency 16
    python -m benchmarks.web_load --check                  # exit 1 when a p50 is over --target-ms

It starts `rashomon serve` in a subprocess on a free port of 127.0.0.1 (never another address), waits for
it to answer, sends one request to each endpoint to warm the cache, then a fixed number of GET requests
round-robin over the list endpoints, at most `--concurrency` at a time, each with a timeout, and stops the
server. Bounded: the number of requests is fixed, every request and the whole run have a deadline. Without
`--db` it analyses the reference corpus (../shared/corpus/soleimani-2020) into a temporary store first.

The client runs on the same machine as the server (one asyncio thread; httpx), so on a small machine they
share its CPUs: read a p50 under high concurrency as the server's throughput more than its own latency
(p50 is about concurrency / requests per second once requests queue). So it also prints the CPU time the
server and the client each spent per request during the load (from /proc and `time.process_time`), which the
machine's other work does not change the way it changes wall-clock latency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "corpus" / "soleimani-2020"
HOST = "127.0.0.1"
ENDPOINTS = ("/api/documents", "/api/entities", "/api/events", "/api/claims", "/api/claim_groups", "/api/quotes",
             "/api/stances", "/api/vocabulary", "/api/framings", "/api/times")
START_SECONDS = 120.0  # the server must answer within this
RUN_SECONDS = 600.0  # the whole load must finish within this


@dataclass(slots=True)
class Timings:
    """Latencies (seconds) of the requests to one endpoint, and how many failed."""

    seconds: list[float] = field(default_factory=list)
    failed: int = 0
    first_error: str = ""

    def quantile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) process `pid` has used so far; nan where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(slots=True)
class Spent:
    """Wall-clock seconds of the load, and the CPU seconds the server and the client used during it."""

    elapsed: float
    server_cpu: float
    client_cpu: float


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _reference_store(folder: Path) -> Path:
    """The reference corpus analysed into a store in `folder`, with the CLI."""
    if not REFERENCE.is_dir():
        sys.exit(f"{REFERENCE}: the reference corpus is not there; pass --db with a store to serve")
    db = folder / "reference.duckdb"
    subprocess.run([sys.executable, "-m", "rashomon.cli", "analyze", str(REFERENCE), "--db", str(db), "--quiet"],
                   check=True, timeout=1800, env=_env())
    return db


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")]))
    return env


def _start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "rashomon.cli", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), "--no-browser"], env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def _wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + START_SECONDS
    async with httpx.AsyncClient(base_url=base, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"the server exited with code {server.returncode} before answering")
            try:
                if (await client.get("/api/status")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.25)
    sys.exit(f"the server did not answer within {START_SECONDS:g} seconds")


class _Connection:
    """One kept-alive HTTP/1.1 connection that sends GET requests and reads answers with a Content-Length: the
    least a client can do per request, so that on a shared machine the load measures the server more than
    the client (httpx spends several times the server's CPU per request)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The status of GET `path`, its body read whole; reconnects when the server closed the connection."""
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        if self.reader is None:
            raise ConnectionError("not connected")
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = dict(line.split(":", 1) for line in head[1:] if ":" in line)
        length = next((int(v) for k, v in headers.items() if k.strip().lower() == "content-length"), None)
        if length is None:
            raise ConnectionError(f"{path}: an answer without Content-Length")
        await self.reader.readexactly(length)
        if any(k.strip().lower() == "connection" and v.strip().lower() == "close" for k, v in headers.items()):
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None


async def _raw_load(base: str, endpoints: Sequence[str], requests: int, concurrency: int,
                    timeout: float, server_pid: int) -> tuple[dict[str, Timings], Spent]:
    """`_load` with `concurrency` kept-alive connections of `_Connection`, each sending its share in turn."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    timings: dict[str, Timings] = defaultdict(Timings)
    connections = [_Connection(host, int(port)) for _ in range(concurrency)]
    for endpoint in endpoints:  # warm: the corpus index and each endpoint's export are built on first use
        await asyncio.wait_for(connections[0].get(endpoint), timeout)
    queue = iter(range(requests))

    async def worker(connection: _Connection) -> None:
        for i in queue:
            endpoint = endpoints[i % len(endpoints)]
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(endpoint), timeout)
                ok, error = status == 200, f"HTTP {status}"
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as err:
                ok, error = False, f"{type(err).__name__}: {err}"
                await connection.close()
            found = timings[endpoint]
            if ok:
                found.seconds.append(time.perf_counter() - started)
            else:
                found.failed += 1
                found.first_error = found.first_error or error

    started, server_cpu, client_cpu = time.perf_counter(), _cpu_seconds(server_pid), time.process_time()
    try:
        await asyncio.wait_for(asyncio.gather(*(worker(c) for c in connections)), RUN_SECONDS)
    finally:
        spent = Spent(time.perf_counter() - started, _cpu_seconds(server_pid) - server_cpu,
                      time.process_time() - client_cpu)
        for connection in connections:
            await connection.close()
    return timings, spent


async def _load(base: str, endpoints: Sequence[str], requests: int, concurrency: int,
                timeout: float, server_pid: int) -> tuple[dict[str, Timings], Spent]:
    """The load sent with httpx (`--client httpx`): one AsyncClient, at most `concurrency` requests at a time."""
    import httpx

    timings: dict[str, Timings] = defaultdict(Timings)
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        for endpoint in endpoints:  # warm: the corpus index and each endpoint's export are built on first use
            await client.get(endpoint)

        async def one(endpoint: str) -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.get(endpoint)
                    ok, error = response.status_code == 200, f"HTTP {response.status_code}"
                except httpx.HTTPError as err:
                    ok, error = False, f"{type(err).__name__}: {err}"
                found = timings[endpoint]
                if ok:
                    found.seconds.append(time.perf_counter() - started)
                else:
                    found.failed += 1
                    found.first_error = found.first_error or error

        started, server_cpu, client_cpu = time.perf_counter(), _cpu_seconds(server_pid), time.process_time()
        await asyncio.wait_for(asyncio.gather(*(one(endpoints[i % len(endpoints)]) for i in range(requests))),
                               RUN_SECONDS)
        return timings, Spent(time.perf_counter() - started, _cpu_seconds(server_pid) - server_cpu,
                              time.process_time() - client_cpu)


def _report(timings: dict[str, Timings], spent: Spent, args: argparse.Namespace, db: Path) -> list[str]:
    done = sum(len(t.seconds) for t in timings.values())
    lines = [f"Store {db} ({db.stat().st_size / 1e6:.1f} MB); {args.requests:,} GET requests, {args.concurrency} at "
             f"a time, from one asyncio client ({args.client}) on the same machine; "
             f"{done / spent.elapsed:,.0f} answered per second. "
             f"CPU per request: server {1000 * spent.server_cpu / args.requests:.2f} ms, client "
             f"{1000 * spent.client_cpu / args.requests:.2f} ms. "
             f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, load average "
             f"{os.getloadavg()[0]:.1f} at the end.", "",
             "| endpoint | requests | p50 ms | p95 ms | max ms | failed |", "|---|---:|---:|---:|---:|---:|"]
    everything = Timings()
    for endpoint, found in timings.items():
        everything.seconds += found.seconds
        everything.failed += found.failed
        lines.append(f"| `{endpoint}` | {len(found.seconds) + found.failed} | {1000 * found.quantile(0.5):.0f} | "
                     f"{1000 * found.quantile(0.95):.0f} | {1000 * max(found.seconds, default=0):.0f} | "
                     f"{found.failed}{' (' + found.first_error + ')' if found.first_error else ''} |")
    lines.append(f"| all | {len(everything.seconds) + everything.failed} | {1000 * everything.quantile(0.5):.0f} | "
                 f"{1000 * everything.quantile(0.95):.0f} | {1000 * max(everything.seconds, default=0):.0f} | "
                 f"{everything.failed} |")
    if everything.seconds:
        lines.append(f"\nmean {1000 * statistics.fmean(everything.seconds):.0f} ms")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the store to serve (default: the reference corpus, analysed now)")
    parser.add_argument("--requests", type=int, default=2000, help="GET requests in all (default 2000)")
    parser.add_argument("--concurrency", type=int, default=200, help="requests at a time (default 200)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per request (default 30)")
    parser.add_argument("--endpoint", action="append", help="an endpoint to load (repeatable; default: every list)")
    parser.add_argument("--target-ms", type=float, default=100.0, help="p50 target for --check (default 100)")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="raw: kept-alive connections of a minimal HTTP/1.1 client (default; cheap per request); "
                             "httpx: one httpx AsyncClient (costs several times the server's CPU per request)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a p50 is over --target-ms or one failed")
    args = parser.parse_args(argv)
    if not 1 <= args.concurrency <= 1000 or not 1 <= args.requests <= 100_000:
        parser.error("--concurrency must be 1..1000 and --requests 1..100000")
    with tempfile.TemporaryDirectory(prefix="rashomon-web-load-") as scratch:
        db = args.db if args.db is not None else _reference_store(Path(scratch))
        if not db.is_file():
            parser.error(f"--db {db}: no store there")
        port = _free_port()
        server = _start_server(db, port)
        try:
            base = f"http://{HOST}:{port}"
            asyncio.run(_wait_ready(base, server))
            load = _raw_load if args.client == "raw" else _load
            timings, spent = asyncio.run(load(base, args.endpoint or ENDPOINTS, args.requests, args.concurrency,
                                               args.timeout, server.pid))
        finally:
            _stop_server(server)
    print("\n".join(_report(timings, spent, args, db)))
    missed = [e for e, t in timings.items() if t.failed or t.quantile(0.5) * 1000 > args.target_ms]
    if args.check and missed:
        print(f"\nover {args.target_ms:g} ms p50 or failing: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
