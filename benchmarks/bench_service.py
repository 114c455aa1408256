"""Benchmark: the HTTP service under a bounded load, on loopback only (SPEC §13).

Run from the repository's root after installing the package with the ``server`` extra::

    python benchmarks/bench_service.py                   # 20,000 evaluations, then 10,000 bad
    python benchmarks/bench_service.py --requests 5000

For 1 and then 2 worker processes, it starts ``dme-rules serve`` on a free loopback port, sends
a fixed number of evaluations of the complete SPEC §6 case from 32 concurrent clients (each a
kept-alive HTTP/1.1 connection, asyncio in this process; spread evenly over the workers, as a
load balancer would, by finding which process holds each one in Linux's ``/proc``), then
10,000 malformed requests (bad JSON, unknown keys, binary floats, wrong types, a bad
``as_of``), and asks for the
health after; the service runs with its decision log, access log and metrics on, and
``--baseline SRC`` measures another checkout's code just before each run, under the same
load. It prints the throughput, the p50 and p99 latencies, the errors, and the
machine's load average at the time. Targets (SPEC §13), with 2 workers: at least 1,500
evaluations per second, p99 ≤ 50 ms, zero errors; every malformed request answered 4xx; the
service healthy after. The script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = {
    "case_id": "2025-0147",
    "request_transmitted_at": "2025-06-20T16:45:00-04:00",
    "source_solution": "Omnimed",
    "target_solution": "MYLE",
    "practitioners": 4,
    "standard_scope": True,
    "extraction": {"delivered_on": "2025-07-10", "fee": "1800.00", "confirmed_on": "2025-07-11"},
    "import": {"completed_on": "2025-08-05", "fee": "6000.00", "confirmed_on": "2025-08-06"},
    "preanalysis": {"submitted_on": "2025-07-15", "validated_on": "2025-07-23"},
    "read_only_access": {"until": "2025-11-03", "fee": "0"},
    "request_form": {
        "signed": True,
        "clinic_authorization": True,
        "sent_to": [
            "importations@omnimed.com",
            "deploiement@medfarsolutions.com",
            "certification.homologation@msss.gouv.qc.ca",
        ],
    },
    "calendar": {"test_extraction_on": "2025-07-10", "production_on": "2025-08-05"},
    "complaints": [{"filed_at": "2025-08-20T10:00:00-04:00", "followed_up_at": None}],
}
PATH = "/v1/evaluate?as_of=2025-09-01T12:00:00-04:00"
CLIENTS = 32
TARGET_RATE, TARGET_P99_MS = 1500.0, 50.0

BAD_BODIES = [
    b"not json",
    b'{"case_id": "x"}',
    json.dumps({**CASE, "typo": 1}).encode(),
    json.dumps({**CASE, "practitioners": 0}).encode(),
    json.dumps({**CASE, "extraction": {"fee": 1800.5}}).encode(),
    json.dumps({**CASE, "request_transmitted_at": "2025-06-20T16:45:00"}).encode(),
    b"[1, 2, 3]",
    b'{"a": 1, "a": 2}',
]


def request(path: str, body: bytes) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    """The status of one response (its body read and dropped)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return status


HEALTH = b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


def owner(server_port: int, client_port: int) -> int | None:
    """The process that holds the server's end of a loopback connection (Linux's ``/proc``),
    or None where it cannot be told."""
    wanted = f":{server_port:04X} "
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if (fields[1] + " ").endswith(wanted) and fields[2].endswith(f":{client_port:04X}"):
                inode = fields[9]
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for descriptor in (entry / "fd").iterdir():
                if os.readlink(descriptor) == target:
                    return int(entry.name)
        except OSError:
            continue
    return None


async def spread(port: int, workers: int) -> tuple[list[Connection], str]:
    """:data:`CLIENTS` kept-alive connections, as many on each worker process.

    The workers share one listening socket and the first awake accepts: left to chance, one
    worker can take every kept-alive connection and two workers answer as one. A load
    balancer in front spreads them; here each connection answers a health check, the process
    holding its server end is found, and a connection to a worker that holds its share
    already is closed and opened again, until each holds ``CLIENTS / workers``."""
    share = CLIENTS // workers
    held: dict[int | None, list[Connection]] = {}
    kept: list[Connection] = []
    for _ in range(CLIENTS * 20):
        if len(kept) == CLIENTS:
            break
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(HEALTH)
        await read_response(reader)
        process = owner(port, writer.get_extra_info("sockname")[1])
        if process is None:  # not Linux: as the kernel spread them
            kept.append((reader, writer))
            held.setdefault(None, []).append((reader, writer))
            continue
        mine = held.setdefault(process, [])
        if len(mine) < share:
            mine.append((reader, writer))
            kept.append((reader, writer))
        else:
            writer.close()
    counts = sorted((len(found) for found in held.values()), reverse=True)
    told = "unknown" if None in held else " + ".join(str(count) for count in counts)
    return kept, told


async def load(
    port: int, payloads: list[bytes], workers: int = 0
) -> tuple[list[float], list[int], str]:
    """Send ``payloads`` over :data:`CLIENTS` connections (spread evenly over ``workers``
    processes when given); each request's latency and status, and how the connections were
    spread."""
    latencies: list[float] = []
    statuses: list[int] = []
    queue = iter(payloads)
    if workers:
        connections, told = await spread(port, workers)
    else:
        connections = [await asyncio.open_connection("127.0.0.1", port) for _ in range(CLIENTS)]
        told = "as accepted"

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for payload in queue:
            started = time.perf_counter()
            writer.write(payload)
            statuses.append(await read_response(reader))
            latencies.append(time.perf_counter() - started)
        writer.close()

    await asyncio.gather(*(client(reader, writer) for reader, writer in connections))
    return latencies, statuses, told


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(port: int, workers: int, baseline: str | None) -> subprocess.Popen[bytes]:
    """The service on ``port``: with its decision log (to a temporary file), its access log
    and its metrics on; or the code under ``baseline`` (a source folder) as it runs with a
    decision log only."""
    log = Path(tempfile.gettempdir()) / f"bench-service-decisions-{os.getpid()}.jsonl"
    options = ["--decision-log", str(log)] + ([] if baseline else ["--access-log"])
    env = {**os.environ, "PYTHONPATH": baseline} if baseline else None
    process = subprocess.Popen(
        [sys.executable, "-m", "dme_rules.cli", "serve", "--port", str(port),
         "--workers", str(workers), *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    ready = request("/v1/evaluate", json.dumps(CASE).encode())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # ready when every worker answers: warm them up too
        try:
            asyncio.run(load(port, [ready] * 200))
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the service did not start")


def run(workers: int, count: int, baseline: str | None = None) -> bool:
    port = free_port()
    process = serve(port, workers, baseline)
    try:
        good = request(PATH, json.dumps(CASE).encode())
        started = time.perf_counter()
        latencies, statuses, told = asyncio.run(load(port, [good] * count, workers))
        elapsed = time.perf_counter() - started
        load_average = os.getloadavg()
        bad = [request(PATH, BAD_BODIES[i % len(BAD_BODIES)]) for i in range(10_000)]
        bad.append(request("/v1/evaluate?as_of=yesterday", json.dumps(CASE).encode()))
        _, bad_statuses, _ = asyncio.run(load(port, bad))
        health = asyncio.run(load(port, [HEALTH]))[1]
    finally:
        process.terminate()
        process.wait(timeout=10)
    rate = count / elapsed
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1e3
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1e3
    errors = sum(status != 200 for status in statuses)
    not_4xx = sum(not 400 <= status < 500 for status in bad_statuses)
    answered = len(bad_statuses) - not_4xx
    which = "baseline " if baseline else ""
    print(f"{which}{workers} worker(s): {count:,} evaluations at {CLIENTS} clients in "
          f"{elapsed:.2f} s (connections per worker: {told}): "
          f"{rate:,.0f}/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {errors}; "
          f"{len(bad_statuses):,} malformed: {answered:,} answered 4xx, {not_4xx} not; "
          f"health after: {health[0]}; load average {load_average[0]:.2f}")  # fmt: skip
    if workers < 2:
        return errors == 0 and not_4xx == 0 and health == [200]
    return (rate >= TARGET_RATE and p99 <= TARGET_P99_MS and errors == 0 and not_4xx == 0
            and health == [200])  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument(
        "--baseline", metavar="SRC",
        help="also measure the code of another source folder (a checkout's src), each of its "
        "runs just before this code's, to compare them under the same load",
    )  # fmt: skip
    args = parser.parse_args()
    print(f"loopback, {os.cpu_count()} cores; the clients run in this process, on the same "
          f"machine; load average before {os.getloadavg()[0]:.2f}; decision log, access log "
          "and metrics on")  # fmt: skip
    met = []
    for workers in (1, 2):
        if args.baseline:
            run(workers, args.requests, args.baseline)
        met.append(run(workers, args.requests))
    print(f"targets with 2 workers (≥ {TARGET_RATE:,.0f}/s, p99 ≤ {TARGET_P99_MS:.0f} ms, "
          f"no error): {'met' if all(met) else 'MISSED'}")  # fmt: skip
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
