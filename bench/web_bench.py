"""The screens at 7,000 decrees: page times through a real server on 127.0.0.1, on SQLite and PostgreSQL.

    .venv/bin/python bench/web_bench.py [--decrees 7000] [--requests 40] [--pg URL|--no-pg]
        [--sqlite FILE] [--pg-database NAME] [--prepare-only]

The database is the realistic synthetic corpus (bench/synthetic.py), its
concepts assigned, with officers' corrections spread over it and a few
hundred decrees imported a second time in another form. `iki serve` runs as
a process of its own; a client signed in as an officer asks for each screen
with varied choices and times every answer. Every figure stands beside a
same-run baseline: the log-in page, which reads no data.
Building the corpus takes long: with --sqlite FILE and --pg-database NAME
the databases are kept and a database that already holds decrees is only
migrated and reused (its bench cell saves add to it, a few dozen a run).
PostgreSQL's statistics are gathered (ANALYZE) once the corpus is built, as
after any large import.
Bars: queue, review, compare, charts and history p95 < 300 ms; a cell save
< 200 ms (p95); the XLSX export of one level < 3 s. Exports are timed with the
store unchanged since start-up (the server has built every level's file behind
the screens), at once after the cell saves (the file is built in the
request, from the rows of the file kept with only the saved decrees read
again: `updated`), and a while after them (built again behind the screens);
the `X-Iki-Export` header says which, and the server's CPU seconds for the
request stand beside.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psutil  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.figures import Figures  # noqa: E402
from bench.synthetic import synthetic_records  # noqa: E402
from pipeline.batch import GROUP_DECREES  # noqa: E402
from store import corrections  # noqa: E402
from store.concept_assignment import assign_concepts  # noqa: E402
from store.concepts import merge_concepts, rename_concept  # noqa: E402
from store.db import make_engine, open_store, upgrade  # noqa: E402
from store.enums import Role  # noqa: E402
from store.importer import load_records  # noqa: E402
from store.models import Concept, Decree, IndicatorRow, Position  # noqa: E402
from web.accounts import add_user  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
OFFICER, PASSWORD = "olivia", "bench password 1"
CORRECTIONS = 2000
SECOND_FORMS = 300
# catalogue edits before an export, of the concept at this place among concepts by the decrees bearing them
CONCEPT_EDITS = (("rename", 0.9), ("rename", 0.99), ("merge", 0.99))
SETTLE = 45  # seconds after the saves before the last export: the server builds its files again meanwhile
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
ROW = re.compile(r'data-row-key="([0-9a-f.c]+)" data-row-id="\d+" data-version="(\d+)"')


def prepare(url: str, count: int) -> None:
    """A migrated store of `count` synthetic decrees with concepts, corrections, second forms and an officer.

    A store that already holds decrees is only migrated (the corpus built by an earlier run)."""
    engine = make_engine(url)
    upgrade(engine)
    factory = open_store(url)
    with factory() as session:
        if session.scalar(select(func.count(Decree.id))):
            factory.kw["bind"].dispose()
            engine.dispose()
            return
    records = synthetic_records(count, seed=31)
    for start in range(0, len(records), GROUP_DECREES):
        load_records(factory, records[start:start + GROUP_DECREES])
    again = records[:SECOND_FORMS]
    for record in again:  # the same decrees arriving again, as another file (a rescan)
        record.sha256 = uuid.uuid5(uuid.NAMESPACE_OID, record.sha256 or "").hex * 2
        record.source = record.source.replace(".txt", "-scan.pdf")
        record.media_type = "application/pdf"
    load_records(factory, again)
    del records, again
    with factory.begin() as session:
        assign_concepts(session)
        add_user(session, OFFICER, Role.OFFICER, PASSWORD)
    rng = random.Random(3)
    with factory() as session:
        targets = session.execute(select(IndicatorRow.decree_id, IndicatorRow.row_key)
                                  .where(IndicatorRow.deleted.is_(False))).all()
    for decree_id, row_key in rng.sample(targets, CORRECTIONS):
        with factory.begin() as session:
            corrections.set_field(session, session.get_one(Decree, decree_id), row_key, "target",
                                  f"{rng.randint(60, 100)} %", who=rng.choice(("olivia", "budi", "sari")),
                                  why="bench")
    factory.kw["bind"].dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`iki serve` in a process of its own on a free port of 127.0.0.1."""

    def __init__(self, url: str, files: Path) -> None:
        self.port = _free_port()
        env = {**os.environ, "IKI_SECRET": "bench-secret-" + "x" * 40, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", url, "--port",
                                         str(self.port), "--files", str(files)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/login", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def cpu(self) -> tuple[float, float]:
        """User and system CPU seconds the server process has used so far (not its export builder's)."""
        times = psutil.Process(self.process.pid).cpu_times()
        return times.user, times.system

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def signed_in(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=60)
    token = TOKEN.search(client.get("/login").text).group(1)
    answer = client.post("/login", data={"name": OFFICER, "password": PASSWORD, "csrf_token": token})
    if answer.status_code != 303:
        raise RuntimeError(f"signing in failed: {answer.status_code}")
    return client, TOKEN.search(client.get("/history").text).group(1)


def timed(client: httpx.Client, paths: list[str]) -> list[float]:
    """Milliseconds of each GET (every answer must be a 200)."""
    found = []
    for path in paths:
        start = time.perf_counter()
        answer = client.get(path)
        found.append((time.perf_counter() - start) * 1000)
        if answer.status_code != 200:
            raise RuntimeError(f"{path}: {answer.status_code} {answer.text[:200]}")
    return found


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def screens(url: str, requests: int, rng: random.Random) -> dict[str, list[str]]:
    """The pages each screen is timed on: varied decrees, filters, sorts, pages and searches."""
    with open_store(url)() as session:
        decrees = session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))).all()
        kabupaten = sorted(set(session.scalars(select(Decree.kabupaten))))
        levels = sorted(set(session.scalars(select(Position.level)).all()) - {None})
        concepts = session.scalars(select(Concept.code).where(Concept.status != "merged")).all()
    pick = [rng.choice(decrees) for _ in range(requests)]
    sorts = ("confidence", "kecamatan", "rows", "confirm", "imported", "tahun", "status")

    def some(make: Callable[[int], str]) -> list[str]:
        return [make(i) for i in range(requests)]

    return {
        "queue": some(lambda i: f"/queue?sort={sorts[i % len(sorts)]}&page={rng.randint(1, 140)}"
                      + (f"&kabupaten={rng.choice(kabupaten)}" if i % 3 == 0 else "")
                      + ("&q=sari" if i % 5 == 0 else "") + ("&desc=1" if i % 2 else "")),
        "review": some(lambda i: f"/decrees/{pick[i]}"),
        "compare": some(lambda i: f"/compare?page={rng.randint(1, 100)}"
                        + (f"&kabupaten={rng.choice(kabupaten)}" if i % 3 == 0 else "")
                        + (f"&level={rng.choice(levels)}" if i % 4 == 1 else "")
                        + ("&q=laporan" if i % 5 == 2 else "")),
        "charts": some(lambda i: "/charts" + (f"?kabupaten={rng.choice(kabupaten)}" if i % 2 else "")
                       + (("&" if i % 2 else "?") + "q=kepuasan" if i % 3 == 0 else "")),
        "history": some(lambda i: f"/history?page={rng.randint(1, 40)}" if i % 2 else f"/decrees/{pick[i]}/history"),
        "concepts": some(lambda i: f"/concepts?page={rng.randint(1, 20)}" + ("&order=name" if i % 2 else "")
                         + ("&q=laporan" if i % 3 == 0 else "") + ("&status=proposed" if i % 4 == 1 else "")),
        "concept": some(lambda i: f"/concepts/{rng.choice(concepts)}"),
    }


def cell_saves(client: httpx.Client, token: str, url: str, count: int, rng: random.Random) -> list[float]:
    with open_store(url)() as session:
        decrees = session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))).all()
    found = []
    for decree_id in rng.sample(decrees, count):
        key, version = ROW.search(client.get(f"/decrees/{decree_id}").text).groups()
        start = time.perf_counter()
        answer = client.post(f"/api/decrees/{decree_id}/rows/{key}", headers={"X-CSRF-Token": token},
                             data={"field": "sumber_data", "value": f"Laporan {rng.randint(1, 999)}",
                                   "version": version})
        found.append((time.perf_counter() - start) * 1000)
        answer.raise_for_status()
    return found


def screen_renames(client: httpx.Client, token: str, url: str, count: int, rng: random.Random) -> list[float]:
    """Milliseconds of renaming concepts on the concepts screen (the audited edit and its rows placed again)."""
    with open_store(url)() as session:
        codes = session.scalars(select(Concept.code).where(Concept.status != "merged")).all()
    found = []
    for code in rng.sample(codes, count):
        start = time.perf_counter()
        answer = client.post(f"/concepts/{code}/rename", headers={"X-CSRF-Token": token},
                             data={"name": f"{code} (layar)", "why": "bench"})
        found.append((time.perf_counter() - start) * 1000)
        if answer.status_code != 303:
            raise RuntimeError(f"renaming {code}: {answer.status_code} {answer.text[:200]}")
    return found


def _by_use(session: Session) -> list[tuple[str, int]]:
    """Every concept's code and the number of decrees bearing it, least borne first."""
    bearing = func.count(func.distinct(IndicatorRow.decree_id))
    return [(code, int(decrees)) for code, decrees in session.execute(
        select(Concept.code, bearing).join(IndicatorRow, IndicatorRow.concept_id == Concept.id)
        .group_by(Concept.code).order_by(bearing))]


def edit_a_concept(url: str, edit: str, percentile: float) -> str:
    """As `iki concepts rename` (or `merge`) does: rename the concept at `percentile` of concepts by the
    decrees bearing them (or merge it into the next one); what was done."""
    factory = open_store(url)
    with factory.begin() as session:
        used = _by_use(session)
        at = int(len(used) * percentile)
        (code, decrees), (other, more) = used[at], used[min(at + 1, len(used) - 1)]
        if edit == "rename":
            rename_concept(session, code, f"{code} (dinamai ulang)", who="bench")
            done = f"renaming a concept of {decrees} decrees"
        else:
            merge_concepts(session, [code], other, who="bench")
            done = f"merging a concept of {decrees} decrees into one of {more}"
    factory.kw["bind"].dispose()
    return done


def timed_export(client: httpx.Client, server: Server, level: str, when: str, label: str, base95: float,
                 report: Callable[..., None]) -> None:
    """One level's XLSX: wall time, how the server made it, and the CPU seconds its process spent on it."""
    cpu = sum(server.cpu())
    start = time.perf_counter()
    answer = client.get(f"/export.xlsx?level={level}")
    seconds = time.perf_counter() - start
    answer.raise_for_status()
    used = sum(server.cpu()) - cpu
    report(f"{label}: XLSX export of level {level} {when}, {answer.headers.get('X-Iki-Export', 'built')} "
           f"({len(answer.content) // 1024} KiB, {used:.2f} s CPU in the server)",
           f"{seconds:.2f} s", "", f"{seconds * 1000 / base95:.0f}x", f"{'met' if seconds < 3 else 'MISSED'} (< 3 s)")


def bench(label: str, url: str, count: int, requests: int, report: Callable[..., None], only_prepare: bool) -> None:
    start = time.perf_counter()
    prepare(url, count)
    print(f"  ({label}: {count} decrees prepared in {time.perf_counter() - start:.0f} s)", flush=True)
    if only_prepare:
        return
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as files:
        server = Server(url, Path(files))
        try:
            client, token = signed_in(server.base)
            timed(client, ["/queue", "/compare", "/charts", "/history", "/concepts"])  # load the word lists
            baseline = timed(client, ["/login"] * requests)
            base95 = p95(baseline)
            report(f"{label}: baseline, the log-in page (no data)", f"{statistics.median(baseline):.0f} ms",
                   f"{base95:.0f} ms", "1.0x", "")
            for screen, paths in screens(url, requests, rng).items():
                times = timed(client, paths)
                report(f"{label}: {screen} ({len(paths)} pages)", f"{statistics.median(times):.0f} ms",
                       f"{p95(times):.0f} ms", f"{p95(times) / base95:.1f}x",
                       f"{'met' if p95(times) < 300 else 'MISSED'} (p95 < 300 ms)")
            client.timeout = httpx.Timeout(600)  # a file built in the request on a busy machine takes long
            time.sleep(SETTLE)
            for level in ("kasi", "sekretaris"):
                timed_export(client, server, level, "(store unchanged)", label, base95, report)
            saves = cell_saves(client, token, url, requests, rng)
            report(f"{label}: cell save ({len(saves)} saves)", f"{statistics.median(saves):.0f} ms",
                   f"{p95(saves):.0f} ms", f"{p95(saves) / base95:.1f}x",
                   f"{'met' if p95(saves) < 200 else 'MISSED'} (p95 < 200 ms)")
            timed_export(client, server, "kasi", "(asked at once after the saves)", label, base95, report)
            time.sleep(SETTLE)
            timed_export(client, server, "sekretaris", f"({SETTLE} s after the saves)", label, base95, report)
            renames = screen_renames(client, token, url, 10, rng)
            report(f"{label}: concept rename on the concepts screen ({len(renames)} edits)",
                   f"{statistics.median(renames):.0f} ms", f"{p95(renames):.0f} ms",
                   f"{p95(renames) / base95:.1f}x", "")
            for edit, percentile in CONCEPT_EDITS:
                done = edit_a_concept(url, edit, percentile)
                timed_export(client, server, "kasi", f"(at once after {done})", label, base95, report)
        finally:
            server.stop()


def postgres_database(server: str, kept: str | None) -> tuple[str, Callable[[], None]]:
    """A database for the bench: `kept` (created if missing, never dropped) or a new one dropped afterwards."""
    name = kept or f"iki_webbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        if not kept:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{server}/{name}", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decrees", type=int, default=7000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--pg", default=PG_SERVER, help="PostgreSQL server URL (a database is created and dropped)")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--sqlite", type=Path, help="SQLite file to keep and reuse (default: a temporary one)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--pg-database", help="PostgreSQL database to keep and reuse (created if missing)")
    parser.add_argument("--prepare-only", action="store_true", help="build (or migrate) the databases and stop")
    args = parser.parse_args()
    figures = Figures(("measure", "median", "p95", "p95 / baseline p95", "bar"))
    report = figures.report

    folder = Path(tempfile.mkdtemp(prefix="iki-web-bench-"))
    try:
        if not args.no_sqlite:
            bench("SQLite", f"sqlite:///{args.sqlite or folder / 'iki.db'}", args.decrees, args.requests, report,
                  args.prepare_only)
        if not args.no_pg:
            url, drop = postgres_database(args.pg, args.pg_database)
            try:
                bench("PostgreSQL", url, args.decrees, args.requests, report, args.prepare_only)
            finally:
                drop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n" + figures.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
