"""A large register import running in the worker while the desk records decisions (issue 18,
acceptance 5): a 100,000-row import on SQLite while 20 clients record decisions; no decision
may fail and none may take more than 2 s.

Builds a scratch SQLite database (the engine with one write lock for all; on PostgreSQL a long
transaction does not hold other writers back), a desk with a coordinator, offerings and one
open question per client, and an organisation file of 100,000 rows (99,000 new clubs, 1,000
changes to clubs the register knows). Starts a real worker (``db_worker`` on
the database backend of django-tasks) and the clients: each a process with its own database
connection (as the web server's workers are), recording a decision on its question through the
decisions service (as the decide page does), then pausing ``BENCH_THINK`` seconds, over and
over. After a few seconds without the import (the baseline), the import is confirmed as the
page does (``import_run_start``) and the clients go on until it is done. For each decision it
measures the time it took, how long its transaction waited for SQLite's write lock (its
``BEGIN IMMEDIATE``) and how long it held it; per stage of the job, the slowest decision begun
then.

With the default pause of 1 s the 20 clients record about 19 decisions a second (the issue's
own run had 327 posts during its import); ``BENCH_THINK=0.5`` doubles that.

The importer refuses files over 50,000 rows (``read.MAX_ROWS``, twice the providers in the
country); the issue's figure is for 100,000, so this bench lifts the limit in its own
processes to measure that worst case: the one long write of an import (applying the staged
rows in one transaction) grows with the rows.

    make bench                                          # part of the benchmarks
    .venv/bin/python bench/bench_import_concurrency.py
    BENCH_IMPORT_ROWS=50000 BENCH_CLIENTS=20 BENCH_THINK=0.5 .venv/bin/python bench/...
"""

import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
KNOWN = ROWS // 100  # rows that change a club the register knows
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
THINK = float(os.environ.get("BENCH_THINK", "1.0"))
MAX_WAIT = float(os.environ.get("BENCH_MAX_WAIT", "2.0"))
BASELINE_SECONDS = 5
OFFERINGS = 12
HEADER = "Naam;KvK-nummer;Postcode;Plaats;Gemeente;Sporten;Labels;Aantal leden;E-mail"
ROOT = Path(__file__).resolve().parents[1]
CONTEXT = multiprocessing.get_context("fork")
sys.path.insert(0, str(ROOT / "bench"))
if not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"):
    sys.exit("bench_import_concurrency measures SQLite: run it without DATABASE_URL")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
from _setup import bench_desks, bulk_organisations, setup_django

setup_django()

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections

from sportloket.core import services as core_services
from sportloket.core.models import Municipality
from sportloket.decisions import services as decision_services
from sportloket.decisions.matching.ranking import rank_offerings
from sportloket.helprequests import services as request_services
from sportloket.offerings.constants import OfferingKind, OfferingScope
from sportloket.offerings.models import Offering, OfferingTheme
from sportloket.registry import services as registry_services
from sportloket.registry.importing import read
from sportloket.registry.models import ImportRun, Organisation

read.MAX_ROWS = max(read.MAX_ROWS, ROWS)

# The worker, with the same lifted limit, as `manage.py db_worker --queue-name '*'`.
WORKER = (
    "import django; django.setup(); "
    "from sportloket.registry.importing import read; "
    f"read.MAX_ROWS = max(read.MAX_ROWS, {ROWS}); "
    "from django.core.management import call_command; "
    "call_command('db_worker', '--queue-name', '*', '--interval', '0.2', '--no-reload', "
    "'--no-startup-delay')"
)


def load(rng):
    """The desk, its coordinator, offerings, and per client a question with the offering to
    choose (the one ranked first); the clubs the file will change."""
    municipalities = list(Municipality.objects.order_by("code"))
    desk = bench_desks("bench-import", 1, municipalities)[0]
    themes = core_services.themes_prefill(loket=desk, actor=None)
    coordinator, _ = core_services.user_get_or_create(email="bench-import@example.org", actor=None)
    core_services.membership_add(loket=desk, user=coordinator, role="coordinator", actor=None)
    deliverers = bulk_organisations("Ondersteuner", 10, municipalities[:10], rng)
    for number in range(OFFERINGS):
        offering = Offering.objects.create(
            loket=desk,
            title=f"Begeleiding {number:02d}",
            description="Ondersteuning voor verenigingen.",
            delivered_by=rng.choice(deliverers),
            kind=OfferingKind.ADVICE,
            scope=OfferingScope.DESK,
        )
        OfferingTheme.objects.create(offering=offering, key=themes[number % len(themes)].key)
    questions = []
    for number in range(CLIENTS):
        question = request_services.request_submit(
            loket=desk,
            themes=[themes[number % len(themes)]],
            organisation_name=f"Vereniging {number}",
            contact_name="Eva Brouwer",
            contact_email=f"bestuur{number}@club.example.org",
            question="Hoe vinden we meer vrijwilligers voor de jeugd?",
            consents_to_processing=True,
        )
        questions.append((question, rank_offerings(help_request=question)[0].offering))
    Organisation.objects.bulk_create(
        Organisation(
            kind="club",
            name=f"Club {n:06}",
            name_key=f"club {n:06}",
            kvk_number=f"{60000000 + n:08d}",
            city="Houten",
        )
        for n in range(KNOWN)
    )
    return desk, coordinator, questions


def import_file() -> bytes:
    lines = [HEADER] + [
        f"Club {n:06};{60000000 + n:08d};3511 AB;Utrecht;Utrecht;Voetbal, Tennis;jeugd;"
        f"{n % 700 + 15};info{n}@club.example.org"
        for n in range(ROWS)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


class Clients:
    """CLIENTS processes recording decisions until told to stop, as the web server's worker
    processes would (threads of one process would also wait for each other's Python while
    holding the database's lock). Each decision's time, the time its transaction waited for
    the write lock, and whether the import was on meanwhile."""

    def __init__(self, coordinator, questions):
        self.coordinator = coordinator
        self.importing = CONTEXT.Event()
        self.stopping = CONTEXT.Event()
        self.queue = CONTEXT.Queue()
        # (importing, seconds, seconds waiting for the write lock, seconds holding it, start)
        self.results = []
        self.failures = []
        self.processes = [
            CONTEXT.Process(target=self.run, args=(n, question))
            for n, question in enumerate(questions)
        ]

    def start(self):
        connections.close_all()  # each process opens its own
        for process in self.processes:
            process.start()

    def stop(self):
        self.stopping.set()
        for _ in self.processes:
            results, failures = self.queue.get(timeout=120)
            self.results += results
            self.failures += failures
        for process in self.processes:
            process.join()

    def run(self, number, question):
        help_request, offering = question
        results, failures, waits = [], [], []

        def timed(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                if sql.startswith("BEGIN"):
                    waits.append((time.perf_counter() - start, time.perf_counter()))

        # Not all at the same moment, as people are not.
        self.stopping.wait(THINK * number / CLIENTS)
        with connection.execute_wrapper(timed):
            while not self.stopping.is_set():
                waits.clear()
                importing = self.importing.is_set()
                start = time.perf_counter()
                try:
                    decision_services.decision_record(
                        help_request=help_request,
                        chosen=[offering],
                        rationale="Past bij de vraag.",
                        public_summary="Hulp bij vrijwilligersbeleid.",
                        actor=self.coordinator,
                    )
                except Exception as error:  # noqa: BLE001 - every failure is counted and shown
                    failures.append(repr(error)[:300])
                else:
                    end = time.perf_counter()
                    importing = importing or self.importing.is_set()
                    wait, locked_at = max(waits, default=(0, end))
                    results.append((importing, end - start, wait, end - locked_at, start))
                self.stopping.wait(THINK)
        connections.close_all()
        self.queue.put((results, failures))


def follow(job, worker):
    """The job's stages with the time each began, until it is done, fails or loses its
    worker."""
    stages, last = [], None
    while True:
        job.refresh_from_db()
        if (job.state, job.stage) != last:
            last = (job.state, job.stage)
            stages.append((time.perf_counter(), job.state, job.stage))
        if job.is_finished or worker.poll() is not None:
            return stages
        time.sleep(0.1)


def summary(label, rows):
    if not rows:
        return f"{label}: no decisions"

    def spread(values):
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        return (
            f"p50 {statistics.median(values) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {values[-1] * 1000:.0f} ms"
        )

    return (
        f"{label}: {len(rows)} decisions\n"
        f"    time:                     {spread(r[1] for r in rows)}\n"
        f"    waiting for the lock:     {spread(r[2] for r in rows)}\n"
        f"    holding it (transaction): {spread(r[3] for r in rows)}"
    )


def measure(log) -> list[str]:
    """Runs the import beside the clients; reports, and returns what failed."""
    call_command("migrate", verbosity=0)
    desk, coordinator, questions = load(random.Random(18))
    run, _plan = registry_services.import_run_create(
        loket=desk, actor=coordinator, filename="clubs.csv", file=ContentFile(import_file())
    )
    connections.close_all()  # no connection shared with the clients or the worker
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    clients = Clients(coordinator, questions)
    try:
        clients.start()
        time.sleep(BASELINE_SECONDS)
        clients.importing.set()
        job = registry_services.import_run_start(
            run=ImportRun.objects.get(pk=run.pk), actor=coordinator, skip_invalid=False
        )
        stages = follow(job, worker)
        clients.importing.clear()
        time.sleep(1)
    finally:
        clients.stop()
        worker.terminate()
        worker.wait(timeout=30)
    return report(job, stages, clients, log)


def report(job, stages, clients, log) -> list[str]:
    began = stages[0][0]
    ends = [at for at, *_ in stages[1:]] + [began + 3600]
    for (at, state, stage), end in zip(stages, ends, strict=True):
        within = [r[1] for r in clients.results if at <= r[4] < end]
        slowest = f"slowest decision begun then {max(within) * 1000:.0f} ms" if within else ""
        print(f"  {at - began:6.1f} s  job {state}: {stage:<10} {slowest}")
    print(f"  import result: {job.result or job.error}")
    during = [r for r in clients.results if r[0]]
    print(summary("Without the import", [r for r in clients.results if not r[0]]))
    print(summary("During the import", during))
    problems = []
    if job.state != "done":
        problems.append(f"the import did not finish: {job.error}\n{log.read_text()[-2000:]}")
    if clients.failures:
        problems.append(f"{len(clients.failures)} decisions failed, e.g. {clients.failures[0]}")
    slowest = max((r[1] for r in during), default=0)
    if slowest > MAX_WAIT:
        problems.append(f"a decision took {slowest:.2f} s during the import (at most {MAX_WAIT})")
    if not during:
        problems.append("no decision was recorded during the import")
    return problems


def main():
    print(f"Database: {connection.vendor}; import of {ROWS} rows, {CLIENTS} clients")
    directory = Path(os.environ["MEDIA_ROOT"]).parent  # the scratch directory of _setup
    try:
        problems = measure(directory / "worker.log")
    finally:
        connections.close_all()
        if directory.name.startswith("sportloket-bench-"):
            shutil.rmtree(directory, ignore_errors=True)
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        sys.exit(1)
    print(f"PASS: no decision failed, none took more than {MAX_WAIT} s during the import")


if __name__ == "__main__":
    main()
