"""
Site benchmark: the public pages under load, the admin with a staff session,
and the memory of gunicorn's workers, on a database at scale.

    make bench-site                          # 100,000 posts, 1,000,000 comments,
                                             # 100,000 subscribers
    BENCH_POSTS=3000 BENCH_COMMENTS_PER_POST=10 BENCH_SUBSCRIBERS=3000 \\
        make bench-site                      # a quicker run while developing
    .venv/bin/python bench/site.py --profile /search/?q=camera
                                             # where one page's time goes
    .venv/bin/python bench/site.py --prepare # seed the data (or find it), no run

The data lives in ``var/bench/site-<posts>-<comments>-<subscribers>.sqlite3``
(seeded by ``manage.py seed_demo`` on the first run, reused after) unless
``DATABASE_URL`` names a database; ``REDIS_URL`` puts the cache in Redis. The
site runs under gunicorn with the project's ``gunicorn.conf.py`` and production
settings (DEBUG off), on a free port of 127.0.0.1, twice: with the page cache
off (``PAGE_CACHE_SECONDS=0``), then on, as an anonymous reader gets it. Each
page gets ``BENCH_SECONDS`` (10) of wrk with ``BENCH_THREADS`` (2) threads and
``BENCH_CONNECTIONS`` (16) connections, then ``BENCH_SAMPLES`` (20) requests
one at a time; the admin pages get the latter only.

Every page's requests per second are also given as a ratio to a bare Django
view (a fixed 20 KB page at ``/bench/bare/``, served when ``BENCH_ENDPOINTS=1``)
measured in the same server before and after the pages: a shared machine's
speed drifts, the ratio much less. Results go to ``var/bench/site-<time>.json``.
The run exits 0 unless it broke (a server that would not start, errors or
answers other than 200); targets are reported as PASS or FAIL, not enforced.
docs/performance.md says what each figure means.
"""

import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess  # noqa: S404 - wrk, apt-get and gunicorn, no shell
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as ``python bench/site.py``, Python would find bench/newsletter.py when
# the project imports its ``newsletter`` app: look in the project instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "var" / "bench"
WRK_SCRIPT = HERE / "wrk_report.lua"
WRK_SEARCH_SCRIPT = HERE / "wrk_search.lua"  # new words on every request
NEW_WORDS = "{words}"  # in a path: three words at random, new for each request
GUNICORN_CONFIG = HERE / "gunicorn.conf.py"
GUNICORN_LOG = OUT / "site-gunicorn.log"

BARE_PATH = "/bench/bare/"
POST_COMMENTS = 50  # the post page is measured with this many comments
STAFF_USERNAME = "bench-editor"
CACHED_SECONDS = 300  # PAGE_CACHE_SECONDS of the cached run: production's default
# As long as gunicorn lets a request run: a slower answer is an error anyway.
WRK_TIMEOUT = "30s"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLING_SECONDS = 15  # one-at-a-time requests stop after this, once there are 3
IDLE_TIMEOUT = 300  # most seconds to wait for the workers to drain their queue

# Requests per second as a ratio to the bare view's, same server, same run.
TARGET_RATIOS_UNCACHED = {"post": 0.10, "home": 0.08, "tag": 0.08, "archive": 0.08}
TARGET_RATIO_CACHED = 0.60  # every page, as an anonymous reader gets it
TARGET_SEARCH_P50_MS = 50  # set for 100,000 posts on PostgreSQL, page cache off
TARGET_SEARCH_P99_MS = 150
TARGET_ADMIN_LIST_MS = 300  # median, with a million comments
TARGET_WORKER_RSS_MB = 100


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def configure_environment(posts: int, comments_per_post: int, subscribers: int) -> None:
    """Settings for this process, the seeding and gunicorn: production-like."""
    database = OUT / f"site-{posts}-{comments_per_post}-{subscribers}.sqlite3"
    defaults = {
        "DJANGO_SETTINGS_MODULE": "cctvfocus.settings",
        "SECRET_KEY": "benchmark-only-not-secret",
        "DATABASE_URL": f"sqlite:///{database}",
        "CACHE_KEY_PREFIX": "cctvfocus-bench",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    os.environ.update(
        {
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain http on loopback: no redirect to https, cookies sent over http.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "BENCH_ENDPOINTS": "1",
            # Workers serve the whole run, so that their memory tells something.
            "GUNICORN_MAX_REQUESTS": "0",
            # The benchmark's own files, apart from a developer's var/.
            "STATIC_ROOT": str(OUT / "static"),
            "MEDIA_ROOT": str(OUT / "media"),
            "EMAIL_URL": "dummymail://",
            # Cover renditions are made while seeding, as a worker would.
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    )


# wrk -------------------------------------------------------------------------


def ensure_wrk() -> str | None:
    """wrk's path, installing Debian's package when it is missing and we may."""
    wrk = shutil.which("wrk")
    if wrk or not shutil.which("apt-get") or os.geteuid() != 0:
        return wrk
    print("--- installing wrk", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "wrk"],
    ):
        subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)  # noqa: S603
    return shutil.which("wrk")


def run_wrk(wrk: str, url: str) -> dict:
    """
    Load ``url`` for BENCH_SECONDS: wrk's figures (from bench/wrk_report.lua).
    A search for NEW_WORDS runs bench/wrk_search.lua, which makes each query.
    """
    script, words = WRK_SCRIPT, []
    if NEW_WORDS in url:
        script, words = WRK_SEARCH_SCRIPT, ["--", *search_words()]
    command = [
        wrk,
        f"--threads={env_int('BENCH_THREADS', 2)}",
        f"--connections={env_int('BENCH_CONNECTIONS', 16)}",
        f"--duration={env_int('BENCH_SECONDS', 10)}s",
        f"--timeout={WRK_TIMEOUT}",
        f"--script={script}",
        url.split("?")[0] if words else url,
        *words,
    ]
    output = subprocess.run(  # noqa: S603 - wrk, fixed arguments, a loopback URL
        command, capture_output=True, text=True, check=True
    ).stdout
    (line,) = [line for line in output.splitlines() if line.startswith("{")]
    raw = json.loads(line)
    requests = raw["requests"]

    def ms(microseconds: int) -> float | None:
        # A page slower than the run has no latency to report, not one of 0.
        return round(microseconds / 1000, 1) if requests else None

    return {
        "requests": requests,
        "requests_per_second": round(requests / (raw["duration_us"] / 1e6), 1),
        "p50_ms": ms(raw["p50_us"]),
        "p90_ms": ms(raw["p90_us"]),
        "p99_ms": ms(raw["p99_us"]),
        "max_ms": ms(raw["max_us"]),
        "kb_per_answer": round(raw["bytes"] / max(requests, 1) / 1024, 1),
        "errors": raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
        "errors_by_kind": {
            kind: raw[kind] for kind in ("connect", "read", "write", "timeout")
        },
        "non_2xx": raw["status"],
    }


# The data ----------------------------------------------------------------------


def prepare(posts: int, comments_per_post: int, subscribers: int) -> dict:
    """Migrate, seed the data at scale (or find it there), collect static files."""
    from django.core.management import call_command
    from django.db import connection

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command(
        "seed_demo",
        posts=posts,
        comments_per_post=comments_per_post,
        subscribers=subscribers,
    )
    if connection.vendor == "postgresql":
        # The tables as autovacuum leaves them after bulk inserts (a server may
        # run with it off): planner statistics, and a visibility map so that
        # counts can be answered from an index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    seeded = time.perf_counter()
    # Cleared first: what is served is what this code collects, nothing older.
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    return {
        "seed_seconds": round(seeded - began, 1),
        "collectstatic_seconds": round(time.perf_counter() - seeded, 1),
    }


def data_sizes() -> dict:
    """What the database holds, whatever was asked for."""
    from blog.models import Post
    from comments.models import Comment
    from newsletter.models import Subscriber

    return {
        "posts": Post.objects.count(),
        "published_posts": Post.objects.published().count(),
        "comments": Comment.objects.count(),
        "subscribers": Subscriber.objects.count(),
    }


def post_with_comments(count: int):
    """
    A published post with ``count`` approved comments, a third of them replies.

    Generated posts have ``--comments-per-post`` each: the first run tops up a
    post from the middle of the archive, and later runs find it again.
    """
    from django.db import transaction
    from django.utils import timezone

    from blog.models import Post
    from cctvfocus.pagecache import bump_content_version
    from comments.demo import staff_replies
    from comments.models import Comment

    published = Post.objects.published().order_by("-published_at", "-pk")
    post = published.filter(comment_count=count).first()
    if post is not None:
        return post
    candidates = published.filter(comment_count__lt=count)
    post = candidates[candidates.count() // 2]
    missing = count - Comment.objects.approved().filter(post=post).count()
    replies = missing // 3
    now = timezone.now()
    with transaction.atomic():
        tops = Comment.objects.bulk_create(
            Comment(
                post=post,
                name=f"Reader {n}",
                email=f"reader{n}@bench.example",
                body="Useful, thank you: we moved our doorbell camera after "
                "reading this, and the neighbours noticed.",
                status=Comment.Status.APPROVED,
                created_at=now,
            )
            for n in range(missing - replies)
        )
        Comment.objects.bulk_create(staff_replies(post.pk, tops, replies, now))
        approved = Comment.objects.approved().filter(post=post).count()
        Post.objects.filter(pk=post.pk).update(comment_count=approved)
    bump_content_version()
    return post


def staff_session() -> str:
    """
    The session key of a signed-in editor who may use the back office.

    With DEBUG off the back office always wants staff to have two-factor
    authentication (``STAFF_MFA_REQUIRED`` cannot be switched off), so the
    benchmark's editor has a TOTP authenticator and a session made here, the
    way the test client's ``force_login`` makes one: signing in is not what
    is measured.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    user, created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME,
        defaults={"email": f"{STAFF_USERNAME}@bench.example", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name="Editor"))
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    if not totp.exists():
        TOTP.activate(user, generate_totp_secret())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def choose_pages(post) -> dict[str, str]:
    """The public pages to load, by name: the busiest tag, a whole month..."""
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from blog.models import Post, TaggedPost

    published = Post.objects.published()
    tag = (
        TaggedPost.objects.filter(content_object__in=published)
        .values("tag__slug")
        .annotate(posts=Count("pk"))
        .order_by("-posts", "tag__slug")
        .first()
    )
    # The month before the newest post's, if it has posts: a whole month.
    newest = timezone.localtime(published.latest("published_at").published_at)
    month = (newest.replace(day=1) - timedelta(days=1)).replace(day=1)
    if not published.filter(
        published_at__year=month.year, published_at__month=month.month
    ).exists():
        month = newest
    return {
        "home": "/",
        "post": post.get_absolute_url(),
        "tag": f"/blog/tag/{tag['tag__slug']}/",
        "archive": f"/blog/{month.year}/{month.month:02d}/",
        "search": "/search/?q=camera",
        "search, new words": f"/search/?q={NEW_WORDS}",
        "feed": "/feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap posts": "/sitemap-posts.xml",
    }


def admin_pages(post) -> dict[str, str]:
    return {
        "post list": "/admin/blog/post/",
        "comment list": "/admin/comments/comment/",
        "subscriber list": "/admin/newsletter/subscriber/",
        "post change form": f"/admin/blog/post/{post.pk}/change/",
    }


def describe_database() -> str:
    """The database's kind and server version, e.g. "postgresql 16.4"."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "postgresql":
        number = connection.connection.info.server_version
        return f"postgresql {number // 10000}.{number % 10000}"
    if connection.vendor == "sqlite":
        return f"sqlite {connection.Database.sqlite_version}"
    return connection.vendor


# The server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, page_cache_seconds: int) -> subprocess.Popen:
    """gunicorn with the project's settings on 127.0.0.1:port, once it answers."""
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
    }
    with GUNICORN_LOG.open("a") as log:
        log.write(
            f"\n=== {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, port {port}, "
            f"PAGE_CACHE_SECONDS={page_cache_seconds}\n"
        )
        log.flush()
        server = subprocess.Popen(  # noqa: S603 - gunicorn, fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(GUNICORN_CONFIG),
                "cctvfocus.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped as it started; see {GUNICORN_LOG}")
        try:
            get(port, "/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    raise RuntimeError(f"gunicorn did not answer within a minute; see {GUNICORN_LOG}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def proc_stat(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command's name (state, ppid, ...)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the master's child processes."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(proc_stat(int(entry.name))[1]) == master:
                    pids.append(int(entry.name))
            except (OSError, ValueError):
                continue  # gone meanwhile
    return sorted(pids)


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time these processes have used so far."""
    ticks = 0
    for pid in pids:
        try:
            fields = proc_stat(pid)
        except OSError:
            continue  # a worker gunicorn replaced: the run reports it
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def resident_mb(pid: int) -> float | None:
    """VmRSS from /proc/<pid>/status, in MB; None for a process that is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def search_words() -> list[str]:
    """The words generated posts are written with (seed_demo's scale mode)."""
    from blog.demo import SCALE_WORDS

    return list(SCALE_WORDS)


def concrete(path: str) -> str:
    """``path`` with NEW_WORDS replaced by three words at random."""
    if NEW_WORDS not in path:
        return path
    words = random.choices(search_words(), k=3)  # noqa: S311 - not a secret
    return path.replace(NEW_WORDS, "+".join(words))


def get(port: int, path: str, cookie: str = "") -> tuple[int, dict, float]:
    """One GET on a new connection: status, headers, seconds until the last byte."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    began = time.perf_counter()
    try:
        connection.request("GET", concrete(path), headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, dict(response.getheaders()), time.perf_counter() - began


def one_at_a_time(port: int, path: str, cookie: str = "") -> dict:
    """
    BENCH_SAMPLES requests one after another, after two to warm up: the
    server's time for a request when nothing waits in line (loopback adds a
    fraction of a millisecond). A page of seconds gets three, not twenty.
    """
    statuses = set()
    times = []
    began = time.monotonic()
    for n in range(max(env_int("BENCH_SAMPLES", 20), 3) + 2):
        status, _, seconds = get(port, path, cookie)
        statuses.add(status)
        if n >= 2:
            times.append(seconds * 1000)
        if len(times) >= 3 and time.monotonic() - began > SAMPLING_SECONDS:
            break
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(statistics.quantiles(times, n=20, method="inclusive")[18], 1),
        "statuses": sorted(statuses),
    }


def wait_until_idle(workers: list[int]) -> float:
    """
    Wait for the workers to finish what wrk left queued: when a run ends,
    requests it gave up on still wait in the listen queue, and each is served
    in full. Seconds waited.
    """
    began = time.monotonic()
    while time.monotonic() - began < IDLE_TIMEOUT:
        used = cpu_seconds(workers)
        time.sleep(0.5)
        if cpu_seconds(workers) - used < 0.05:  # under 10% of one CPU
            break
    return round(time.monotonic() - began, 1)


def statuses_of(port: int, path: str, requests: int) -> tuple[list[int], str]:
    """
    The distinct statuses of a few requests (fewer for a page of seconds),
    and the X-Page-Cache header of the last.
    """
    statuses = set()
    began = time.monotonic()
    for n in range(1, requests + 1):
        status, headers, _ = get(port, path)
        statuses.add(status)
        if n >= 2 and time.monotonic() - began > SAMPLING_SECONDS:
            break
    return sorted(statuses), headers.get("X-Page-Cache", "")


def measure_page(wrk: str, port: int, workers: list[int], path: str) -> dict:
    """
    One page: warm both workers up, load it with wrk (counting the workers'
    CPU time), then time it one request at a time and check it still answers.
    """
    before, page_cache = statuses_of(port, path, 6)
    load = os.getloadavg()[0]
    cpu = cpu_seconds(workers)
    result = run_wrk(wrk, f"http://127.0.0.1:{port}{path}")
    cpu = cpu_seconds(workers) - cpu
    drained = wait_until_idle(workers)
    alone = one_at_a_time(port, path)
    after, _ = statuses_of(port, path, 2)
    result.update(
        path=path,
        worker_cpu_ms_per_request=(
            round(1000 * cpu / result["requests"], 2) if result["requests"] else None
        ),
        alone=alone,
        statuses_before_and_after=sorted({*before, *after, *alone["statuses"]}),
        page_cache=page_cache,
        seconds_to_idle_after=drained,
        load_average_before=round(load, 2),
        worker_rss_mb_after=[resident_mb(pid) for pid in workers],
    )
    return result


def measure_server(wrk: str, *, cached: bool, pages: dict, admin: dict) -> dict:
    """One gunicorn: the bare view, each page, the bare view again; the admin."""
    port = free_port()
    mode = "cached" if cached else "uncached"
    seconds = CACHED_SECONDS if cached else 0
    print(f"\n--- {mode} (PAGE_CACHE_SECONDS={seconds}), 127.0.0.1:{port}")
    server = start_gunicorn(port, seconds)
    try:
        workers = started_workers(server.pid)
        order = dict(pages)
        has_bare = get(port, BARE_PATH)[0] == 200
        if has_bare:
            order = {"bare": BARE_PATH, **pages, "bare (after)": BARE_PATH}
        else:
            print(
                f"  {BARE_PATH} answers 404: the baseline view is missing (served "
                "with BENCH_ENDPOINTS=1); no ratios in this run."
            )
        runs = {}
        for name, path in order.items():
            runs[name] = result = measure_page(wrk, port, workers, path)
            print(
                f"  {name:<14} {result['requests_per_second']:>7.1f} req/s  "
                f"p50 {shown(result['p50_ms']):>7} ms  "
                f"p99 {shown(result['p99_ms']):>7} ms  "
                f"alone {result['alone']['median_ms']:>6.1f} ms  "
                f"{result['errors']} errors, {result['non_2xx']} non-2xx",
                flush=True,
            )
        admin_times = {} if cached else measure_admin(port, admin)
        # A worker that died (killed at gunicorn's timeout, say) was replaced.
        replaced = worker_pids(server.pid) != workers
        memory = {pid: resident_mb(pid) for pid in worker_pids(server.pid)}
    finally:
        stop_gunicorn(server)
    add_ratios(runs)
    return {
        "page_cache_seconds": seconds,
        "pages": runs,
        "admin": admin_times,
        "worker_rss_mb": memory,
        "workers_replaced": replaced,
    }


def started_workers(master: int) -> list[int]:
    """The workers' pids, once all WEB_CONCURRENCY of them have started."""
    deadline = time.monotonic() + 30
    while True:
        workers = worker_pids(master)
        if len(workers) >= int(os.environ["WEB_CONCURRENCY"]):
            return workers
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn started {len(workers)} workers only")
        time.sleep(0.2)


def add_ratios(runs: dict) -> None:
    """Each run's figures relative to the bare view's (the mean of its two runs)."""
    bare = [runs[name] for name in ("bare", "bare (after)") if name in runs]
    rate = statistics.mean(r["requests_per_second"] for r in bare) if bare else 0
    cpu = (
        statistics.mean(r["worker_cpu_ms_per_request"] or 0 for r in bare)
        if bare
        else 0
    )
    for result in runs.values():
        result["ratio"] = (
            round(result["requests_per_second"] / rate, 3) if rate else None
        )
        spent = result["worker_cpu_ms_per_request"]
        result["cpu_ratio"] = round(cpu / spent, 3) if cpu and spent else None


def measure_admin(port: int, pages: dict) -> dict:
    """Back-office pages, one request at a time, with the editor's session."""
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={staff_session()}"
    print(f"  admin, {env_int('BENCH_SAMPLES', 20)} requests each, one at a time:")
    results = {}
    for name, path in pages.items():
        results[name] = result = {"path": path, **one_at_a_time(port, path, cookie)}
        print(
            f"  {name:<17} median {result['median_ms']:>6.1f} ms  "
            f"p95 {result['p95_ms']:>6.1f} ms  statuses {result['statuses']}",
            flush=True,
        )
    return results


# The report ----------------------------------------------------------------------


def machine(wrk: str) -> dict:
    """What the figures were measured on."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line]
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kib = int(next(line for line in meminfo if "MemTotal" in line).split()[1])
    version = subprocess.run(  # noqa: S603 - wrk prints its version
        [wrk, "--version"], capture_output=True, text=True, check=False
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": models[0] if models else "unknown",
        "memory_gb": round(total_kib / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "wrk": (version.stdout or version.stderr).split(" [")[0].strip(),
    }


def code_version() -> str:
    """The commit measured, marked when the working tree has changes."""
    git = shutil.which("git")
    if not git:
        return "unknown"

    def run(*arguments: str) -> str:
        return subprocess.run(  # noqa: S603 - git, fixed arguments
            [git, *arguments], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = run("rev-parse", "--short", "HEAD") or "unknown"
    changed = run("status", "--porcelain", "--untracked-files=no")
    return f"{commit} with changes" if changed else commit


def check_targets(servers: dict, sizes: dict, database: str) -> list[dict]:
    """Each target with the figure measured and whether it is met."""
    uncached = servers["uncached"]["pages"]
    cached = servers["cached"]["pages"]
    checks = []

    def check(name, measured, goal, ok, note=""):
        checks.append(
            {"target": name, "measured": measured, "goal": goal, "ok": ok, "note": note}
        )

    no_baseline = "" if "bare" in uncached else "no baseline view in this run"
    for page, ratio in TARGET_RATIOS_UNCACHED.items():
        measured = uncached[page]["ratio"]
        ok = measured is not None and measured >= ratio
        check(f"uncached {page}, ratio", measured, f">= {ratio}", ok, no_baseline)
    for page, result in cached.items():
        # New words on every request are never in the page cache, by design.
        if not page.startswith("bare") and NEW_WORDS not in result["path"]:
            measured = result["ratio"]
            ok = measured is not None and measured >= TARGET_RATIO_CACHED
            goal = f">= {TARGET_RATIO_CACHED}"
            check(f"cached {page}, ratio", measured, goal, ok, no_baseline)
    # The same query again and again (its results kept, as for readers who
    # search for what others searched), and new words on every request.
    for page in ("search", "search, new words"):
        search = uncached[page]
        note = "" if search["requests"] else "no answer within the run"
        if not database.startswith("postgresql") or sizes["posts"] < 100_000:
            note = "set for 100,000 posts on PostgreSQL"
        for figure, goal in (
            ("p50", TARGET_SEARCH_P50_MS),
            ("p99", TARGET_SEARCH_P99_MS),
        ):
            measured = search[f"{figure}_ms"]
            ok = measured is not None and measured < goal
            check(f"uncached {page}, {figure} ms", measured, f"< {goal}", ok, note)
    for name, result in servers["uncached"]["admin"].items():
        if name.endswith("list"):
            measured = result["median_ms"]
            ok = measured < TARGET_ADMIN_LIST_MS
            check(f"admin {name}, median ms", measured, f"< {TARGET_ADMIN_LIST_MS}", ok)
    for mode, server in servers.items():
        for pid, mb in server["worker_rss_mb"].items():
            ok = mb is not None and mb < TARGET_WORKER_RSS_MB
            check(f"{mode} worker {pid}, RSS MB", mb, f"< {TARGET_WORKER_RSS_MB}", ok)
    return checks


def run_problems(servers: dict) -> list[str]:
    """What broke the run: errors, or answers other than 200."""
    problems = []
    for mode, server in servers.items():
        for name, r in server["pages"].items():
            if r["errors"] or r["non_2xx"] or r["statuses_before_and_after"] != [200]:
                problems.append(
                    f"{mode} {name}: {r['errors']} errors {r['errors_by_kind']}, "
                    f"{r['non_2xx']} answers >= 400 under load, statuses "
                    f"{r['statuses_before_and_after']} around it"
                )
        for name, r in server["admin"].items():
            if r["statuses"] != [200]:
                problems.append(f"admin {name}: statuses {r['statuses']}")
        if server["workers_replaced"]:
            problems.append(f"{mode}: gunicorn replaced a worker during the run")
    return problems


def shown(value: float | None, digits: int = 1) -> str:
    """A figure for the table; a dash where there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def print_report(servers: dict, checks: list[dict]) -> None:
    print(
        f"\n{'page':<15}{'mode':<10}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'alone ms':>9}{'cpu ms':>9}{'errors':>7}{'non-2xx':>8}{'ratio':>7}"
        f"{'cpu ratio':>10}"
    )
    for mode, server in servers.items():
        for name, r in server["pages"].items():
            print(
                f"{name:<15}{mode:<10}{r['requests_per_second']:>8.1f}"
                f"{shown(r['p50_ms']):>9}{shown(r['p99_ms']):>9}"
                f"{r['alone']['median_ms']:>9.1f}"
                f"{shown(r['worker_cpu_ms_per_request'], 2):>9}{r['errors']:>7}"
                f"{r['non_2xx']:>8}{shown(r['ratio'], 3):>7}"
                f"{shown(r['cpu_ratio'], 3):>10}"
            )
    for mode, server in servers.items():
        runs = server["pages"]
        if "bare" in runs:
            before = runs["bare"]["requests_per_second"]
            after = runs["bare (after)"]["requests_per_second"]
            print(
                f"{mode}: the bare view went from {before:.0f} to {after:.0f} req/s "
                f"during the run ({100 * (after - before) / before:+.0f}%)"
            )
    admin = servers["uncached"]["admin"]
    print(f"\n{'admin, staff session':<22}{'median ms':>10}{'p95 ms':>8}")
    for name, r in admin.items():
        print(f"{name:<22}{r['median_ms']:>10.1f}{r['p95_ms']:>8.1f}")
    print("\nworker memory after the run (VmRSS):")
    for mode, server in servers.items():
        figures = ", ".join(
            f"{shown(mb, 0)} MB" for mb in server["worker_rss_mb"].values()
        )
        print(f"  {mode}: {figures}")
    print("\ntargets:")
    for c in checks:
        note = f"  ({c['note']})" if c["note"] else ""
        verdict = "PASS" if c["ok"] else "FAIL"
        print(f"  {verdict}  {c['target']}: {c['measured']} (goal {c['goal']}){note}")


def main(*, prepare_only: bool = False) -> int:
    posts = env_int("BENCH_POSTS", 100_000)
    comments_per_post = env_int("BENCH_COMMENTS_PER_POST", 10)
    subscribers = env_int("BENCH_SUBSCRIBERS", 100_000)
    OUT.mkdir(parents=True, exist_ok=True)
    configure_environment(posts, comments_per_post, subscribers)
    wrk = ensure_wrk()
    if not wrk:
        print(
            "The benchmark needs wrk: apt-get install wrk (Debian, Ubuntu), "
            "or see https://github.com/wg/wrk.",
            file=sys.stderr,
        )
        return 2
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    load_before = os.getloadavg()
    code = code_version()  # before the run: the servers load the code as it is now

    import django

    django.setup()
    from django.conf import settings

    database = describe_database()
    print(
        f"Preparing {posts:,} posts with {comments_per_post} comments each and "
        f"{subscribers:,} subscribers on {database} ...",
        flush=True,
    )
    prepared = prepare(posts, comments_per_post, subscribers)
    sizes = data_sizes()
    if prepare_only:
        print(f"Ready: {sizes}")
        return 0
    post = post_with_comments(POST_COMMENTS)
    pages, admin = choose_pages(post), admin_pages(post)

    servers = {}
    try:
        for cached in (False, True):
            mode = "cached" if cached else "uncached"
            servers[mode] = measure_server(wrk, cached=cached, pages=pages, admin=admin)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1

    checks = check_targets(servers, sizes, database)
    problems = run_problems(servers)
    results = {
        "benchmark": "site",
        "when": stamp,
        "asked": {
            "posts": posts,
            "comments_per_post": comments_per_post,
            "subscribers": subscribers,
        },
        "data": sizes,
        "database": database,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        **prepared,
        "wrk": {
            "seconds": env_int("BENCH_SECONDS", 10),
            "threads": env_int("BENCH_THREADS", 2),
            "connections": env_int("BENCH_CONNECTIONS", 16),
        },
        "gunicorn_workers": int(os.environ["WEB_CONCURRENCY"]),
        "fragment_cache_seconds": getattr(settings, "FRAGMENT_CACHE_SECONDS", None),
        "code": code,
        "servers": servers,
        "targets": checks,
        "problems": problems,
        "machine": machine(wrk),
        "load_average_before": [round(n, 2) for n in load_before],
    }
    path = OUT / f"site-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")

    print_report(servers, checks)
    if problems:
        print("\nThe run broke:\n  " + "\n  ".join(problems))
        print(f"See {GUNICORN_LOG.relative_to(ROOT)}.")
    else:
        print("\nNo errors, and every answer a 200.")
    print(f"Results: {path.relative_to(ROOT)}")
    return 1 if problems else 0


# Profiling -------------------------------------------------------------------------


def profile_page(path: str, requests: int) -> int:
    """
    Where one page's time goes: ``requests`` GETs in this process through
    Django's test client, under cProfile, with each SQL query timed apart.
    The page cache is off unless PAGE_CACHE_SECONDS says otherwise; an admin
    path is requested with the benchmark editor's session.
    """
    import cProfile
    import pstats
    from collections import defaultdict

    configure_environment(
        env_int("BENCH_POSTS", 100_000),
        env_int("BENCH_COMMENTS_PER_POST", 10),
        env_int("BENCH_SUBSCRIBERS", 100_000),
    )
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    if path.startswith("/admin/"):
        client.cookies[settings.SESSION_COOKIE_NAME] = staff_session()
    status = client.get(path).status_code  # imports and first compilations
    queries = defaultdict(list)  # SQL -> seconds of each run

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries[sql].append(time.perf_counter() - began)

    profiler = cProfile.Profile()
    began = time.perf_counter()
    with connection.execute_wrapper(timed):
        profiler.enable()
        for _ in range(requests):
            client.get(path)
        profiler.disable()
    elapsed = time.perf_counter() - began
    sql_seconds = sum(sum(times) for times in queries.values())
    count = sum(len(times) for times in queries.values())
    print(
        f"{path} (status {status}), {requests} requests: "
        f"{1000 * elapsed / requests:.1f} ms each under the profiler, of which SQL "
        f"{1000 * sql_seconds / requests:.1f} ms in {count / requests:.0f} queries"
    )
    print("\n--- slowest queries, ms per request ---")
    slowest = sorted(queries.items(), key=lambda item: -sum(item[1]))[:6]
    for sql, times in slowest:
        print(f"{1000 * sum(times) / requests:9.1f}  {shorten(sql)}")
    stats_path = OUT / "site-profile.prof"
    profiler.dump_stats(stats_path)
    for order in ("cumulative", "tottime"):
        print(f"\n--- by {order} ---")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(35)
    print(f"Profile: {stats_path.relative_to(ROOT)} (snakeviz or pstats can read it)")
    return 0


def shorten(sql: str) -> str:
    """A query without its long list of columns: what it reads and how."""
    head, found, rest = sql.partition(" FROM ")
    if found and len(head) > 120:
        head = head[:100] + " ..."
    return (head + found + rest)[:900]


if __name__ == "__main__":
    if sys.argv[1:2] in (["-h"], ["--help"]):
        print(__doc__)
        sys.exit(0)
    if sys.argv[1:2] == ["--prepare"]:
        sys.exit(main(prepare_only=True))
    if sys.argv[1:2] == ["--profile"]:
        count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
        sys.exit(profile_page(sys.argv[2], count))
    sys.exit(main())
