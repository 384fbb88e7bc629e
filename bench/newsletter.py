"""
Sending benchmark: one worker sends one issue to 100,000 confirmed
subscribers through a local SMTP sink.

    make bench-newsletter                        # 100,000 subscribers
    BENCH_SUBSCRIBERS=5000 make bench-newsletter # a quicker run
    BENCH_PROFILE=1 make bench-newsletter        # and a cProfile of the worker

It reports messages per second, the worker's peak memory (VmHWM in its
``/proc/<pid>/status``), and checks that the sink received every confirmed address
exactly once. Targets: at least 500 messages/s with one worker, under 200 MB.

The data lives in ``var/bench/newsletter.sqlite3`` (made on the first run,
reused after) unless ``DATABASE_URL`` names a database. The worker runs the
real code in a process of its own, as one ``db_worker`` would:
``newsletter.sending.start_issue`` then the ``send_issue_deliveries`` task.
The SMTP sink (aiosmtpd) runs in a third process so that it takes no CPU or
memory from the worker. Results go to ``var/bench/newsletter-<time>.json``.
"""

import json
import os
import resource
import socket
import subprocess  # noqa: S404 - starts this same script, no shell
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as ``python bench/newsletter.py``, Python would find this file when the
# project imports its ``newsletter`` app: look in the project instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "var" / "bench"
DOMAIN = "bench.example"  # the benchmark's own subscribers: reader000001@...
TARGET_RATE = 500  # messages per second, one worker
TARGET_MEMORY_MB = 200


def configure_environment() -> None:
    """Settings for every process here: production-like, quiet, on its own data."""
    defaults = {
        "DJANGO_SETTINGS_MODULE": "cctvfocus.settings",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{OUT / 'newsletter.sqlite3'}",
        "LOG_LEVEL": "WARNING",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    # Whatever the shell says: with DEBUG on Django keeps queries in memory;
    # and the worker below runs the sending task itself, so what the code
    # queues for later (retries, the next round) is kept, not run.
    os.environ["DEBUG"] = "0"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"


# The database ---------------------------------------------------------------


def prepare(count: int) -> dict:
    """Migrate, make (or reuse) ``count`` subscribers, and a fresh issue."""
    from django.core.management import call_command
    from django.db import connection

    from newsletter.models import Issue, IssuePost, Subscriber

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
    Issue.objects.filter(slug__startswith="bench-").delete()
    ours = Subscriber.objects.filter(email__endswith=f"@{DOMAIN}")
    reused = ours.count() == count
    if not reused:
        ours.delete()
        make_subscribers(count)
    posts = make_posts()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    issue = Issue.objects.create(
        subject=f"Benchmark issue {stamp}",
        slug=f"bench-{stamp}",
        preheader="Three posts, one intro, one unsubscribe link per reader.",
        intro=(
            "<p>Hello. This month: doorbell cameras, the law on dashcams and a "
            'checklist before you install anything. <a href="/blog/">All posts'
            "</a>.</p><p>Thank you for reading.</p>"
        ),
        is_public=True,
    )
    for order, post in enumerate(posts, start=1):
        IssuePost.objects.create(issue=issue, post=post, order=order)
    return {
        "issue_id": issue.pk,
        "database": connection.vendor,
        "subscribers_reused": reused,
        "prepare_seconds": round(time.perf_counter() - began, 2),
    }


def make_subscribers(count: int) -> None:
    from django.utils import timezone

    from newsletter.models import Subscriber

    now = timezone.now()
    chunk = []
    for n in range(1, count + 1):
        chunk.append(
            Subscriber(
                email=f"reader{n:06d}@{DOMAIN}",
                source=Subscriber.Source.IMPORT,
                signed_up_at=now,
                confirmed_at=now,
                consent_version="benchmark",
            )
        )
        if len(chunk) == 10_000:
            Subscriber.objects.bulk_create(chunk, batch_size=2_000)
            chunk = []
    Subscriber.objects.bulk_create(chunk, batch_size=2_000)


def make_posts():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from blog.models import Post

    author, _ = get_user_model().objects.get_or_create(
        username="bench-author", defaults={"email": f"author@{DOMAIN}"}
    )
    paragraph = (
        "<p>Where a camera points decides what it records: your own path, or "
        "the street and your neighbours' windows. Point it at what is yours.</p>"
    )
    posts = []
    for n in (1, 2, 3):
        post, _ = Post.objects.get_or_create(
            slug=f"bench-post-{n}",
            defaults={
                "title": f"Benchmark post {n}: cameras, doorbells and privacy",
                "body": paragraph * 12,
                "author": author,
                "status": Post.Status.PUBLISHED,
                "published_at": timezone.now(),
            },
        )
        posts.append(post)
    return posts


def confirmed_addresses() -> set[str]:
    from newsletter.models import Subscriber

    return set(Subscriber.objects.confirmed().values_list("email", flat=True))


def delivery_states(issue_id: int) -> dict:
    from django.db.models import Count

    from newsletter.models import Delivery

    return dict(
        Delivery.objects.filter(issue_id=issue_id)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )


# The worker -------------------------------------------------------------------


def run_worker(issue_id: int) -> None:
    """One worker: start the issue, then run the sending task until done."""
    import django

    django.setup()
    from newsletter import sending, tasks
    from newsletter.models import Delivery, Issue

    profiler = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()

    began = time.perf_counter()
    created = sending.start_issue(Issue.objects.get(pk=issue_id))
    started = time.perf_counter()
    vacuum_deliveries()
    cpu_before = cpu_seconds()
    totals = Counter()
    if profiler:
        profiler.enable()
    while True:
        result = tasks.send_issue_deliveries.call(issue_id=issue_id)
        totals.update(result)
        pending = Delivery.objects.filter(issue_id=issue_id, state="pending")
        if not sum(result.values()) or not pending.exists():
            break
    if profiler:
        profiler.disable()
    finished = time.perf_counter()
    cpu = cpu_seconds() - cpu_before
    peak_kib = peak_memory_kib()
    if profiler:
        profile_path = Path(os.environ["BENCH_PROFILE_PATH"])
        profiler.dump_stats(profile_path)
        report_profile(profiler)
    json.dump(
        {
            "deliveries_created": created,
            "start_issue_seconds": round(started - began, 3),
            "send_seconds": round(finished - started, 3),
            "send_cpu_seconds": round(cpu, 3),
            "sent": totals["sent"],
            "failed": totals["failed"],
            "retried": totals["retried"],
            "peak_rss_mb": round(peak_kib / 1024, 1),
            "pid": os.getpid(),
        },
        sys.stdout,
    )


def peak_memory_kib() -> int:
    """
    This process's peak resident memory, in KiB.

    VmHWM belongs to the program since its exec; ``ru_maxrss`` would not do
    in a child process, as Linux carries the parent's peak over into it.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (line,) = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(line.split()[1])


def cpu_seconds() -> float:
    """CPU time this process has used (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report_profile(profiler) -> None:
    import pstats

    for order in ("tottime", "cumulative"):
        print(f"\n--- worker profile, by {order} ---", file=sys.stderr)
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.strip_dirs().sort_stats(order).print_stats(30)


# The SMTP sink ------------------------------------------------------------------


def run_sink(port: int) -> None:
    """Accept everything on 127.0.0.1:port; on "stop", report who got what."""
    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.counts = Counter()
            self.messages = 0
            self.first_headers = ""

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages += 1
            for address in envelope.rcpt_tos:
                self.counts[address] += 1
            if not self.first_headers:
                raw = envelope.original_content or envelope.content
                self.first_headers = raw.split(b"\r\n\r\n", 1)[0].decode()
            return "250 Message accepted for delivery"

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.readline()
    controller.stop()
    json.dump(
        {
            "messages": handler.messages,
            "counts": handler.counts,
            "first_headers": handler.first_headers,
            "cpu_seconds": round(cpu_seconds(), 3),
        },
        sys.stdout,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The benchmark ----------------------------------------------------------------------


# Checks that mean the sending was wrong, not merely slow.
BROKEN_RUN_CHECKS = (
    "every_confirmed_address_exactly_once",
    "one_click_headers_present",
)


def vacuum_deliveries() -> None:
    """
    On PostgreSQL, the deliveries table as autovacuum would leave it (a server
    may run with it off, as CI's does): earlier runs leave hundreds of
    thousands of dead rows behind, which every claim would wade through.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE newsletter_delivery")


def main() -> int:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        print(
            "The benchmark needs aiosmtpd for its SMTP sink: "
            ".venv/bin/pip install 'aiosmtpd>=1.4,<2'",
            file=sys.stderr,
        )
        return 2
    count = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
    OUT.mkdir(parents=True, exist_ok=True)
    configure_environment()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    load_before = os.getloadavg()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    print(f"Preparing {count:,} subscribers ...", flush=True)
    prepared = prepare(count)
    confirmed = confirmed_addresses()
    connections.close_all()

    port = free_port()
    script = str(Path(__file__).resolve())
    sink = subprocess.Popen(  # noqa: S603 - this script, fixed arguments
        [sys.executable, script, "--sink", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    if sink.stdout.readline().strip() != "ready":
        print("The SMTP sink did not start.", file=sys.stderr)
        return 1

    profile_path = OUT / f"newsletter-{stamp}.prof"
    worker_env = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "BENCH_PROFILE_PATH": str(profile_path),
    }
    print(f"Sending to {len(confirmed):,} confirmed subscribers ...", flush=True)
    worker = subprocess.run(  # noqa: S603 - this script, fixed arguments
        [sys.executable, script, "--worker", str(prepared["issue_id"])],
        env=worker_env,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(worker.stderr)
    sink_report, _ = sink.communicate("stop\n", timeout=60)
    if worker.returncode:
        print("The worker failed.", file=sys.stderr)
        return 1
    sent = json.loads(worker.stdout)
    received = json.loads(sink_report)

    counts = received["counts"]
    twice = {address: n for address, n in counts.items() if n > 1}
    missing = confirmed - set(counts)
    unexpected = set(counts) - confirmed
    headers = received["first_headers"]
    rate = sent["sent"] / sent["send_seconds"] if sent["send_seconds"] else 0.0
    overall = sent["sent"] / (sent["start_issue_seconds"] + sent["send_seconds"])
    checks = {
        "every_confirmed_address_exactly_once": not (twice or missing or unexpected),
        "one_click_headers_present": "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
        in headers,
        "rate_target_met": rate >= TARGET_RATE,
        "memory_target_met": sent["peak_rss_mb"] < TARGET_MEMORY_MB,
    }
    results = {
        "benchmark": "newsletter-sending",
        "when": stamp,
        "subscribers": count,
        "confirmed": len(confirmed),
        **prepared,
        "batch_size": settings.NEWSLETTER_BATCH_SIZE,
        "rate_limit": settings.NEWSLETTER_RATE_LIMIT,
        "worker": sent,
        "messages_per_second": round(rate, 1),
        "messages_per_second_with_start": round(overall, 1),
        "worker_cpu_ms_per_message": round(
            1000 * sent["send_cpu_seconds"] / max(sent["sent"], 1), 3
        ),
        "sink_messages": received["messages"],
        "sink_cpu_seconds": received["cpu_seconds"],
        "sent_twice": len(twice),
        "missing": len(missing),
        "unexpected": len(unexpected),
        "delivery_states": delivery_states(prepared["issue_id"]),
        "targets": {
            "messages_per_second": TARGET_RATE,
            "peak_rss_mb": TARGET_MEMORY_MB,
        },
        "checks": checks,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "load_average_before": [round(n, 2) for n in load_before],
    }
    if os.environ.get("BENCH_PROFILE"):
        results["profile"] = str(profile_path.relative_to(ROOT))
    path = OUT / f"newsletter-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")

    print(
        f"\n{sent['sent']:,} messages in {sent['send_seconds']:.1f} s: "
        f"{rate:,.0f} messages/s (target {TARGET_RATE}); "
        f"{overall:,.0f}/s counting the {sent['start_issue_seconds']:.1f} s "
        "spent creating deliveries"
    )
    print(
        f"Worker peak memory: {sent['peak_rss_mb']:.0f} MB "
        f"(target < {TARGET_MEMORY_MB} MB); worker CPU "
        f"{results['worker_cpu_ms_per_message']:.2f} ms a message, "
        f"sink CPU {received['cpu_seconds']:.1f} s in all"
    )
    print(
        f"Sink: {received['messages']:,} messages; {len(twice)} addresses twice, "
        f"{len(missing)} missing, {len(unexpected)} unexpected"
    )
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'} {name.replace('_', ' ')}")
    print(f"Results: {path.relative_to(ROOT)}")
    # As for the site benchmark, a missed target is reported, not a failure:
    # the command fails when the sending itself was wrong.
    broken = [name for name in BROKEN_RUN_CHECKS if not checks[name]]
    if broken:
        print("The run broke: " + ", ".join(name.replace("_", " ") for name in broken))
    return 1 if broken else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sink"]:
        run_sink(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--worker"]:
        configure_environment()
        run_worker(int(sys.argv[2]))
    else:
        sys.exit(main())
