"""The load-and-fault suite for `mlcert serve`: answer-recording throughput, a soak, and faults under load.

Every request goes to 127.0.0.1 (servers this script starts itself); every loop is bounded in count and time.
Run through `bench/load/run`, which builds the release binary first. Subcommands:

  throughput  answers/s and latency on SQLite and PostgreSQL (and two processes on one PostgreSQL), with wrk
  soak        a steady rate for --minutes, RSS and latency sampled every minute
  faults      kill -9 of serve (--kills times), PostgreSQL restarted mid-load, a disk filling up; after each,
              every acknowledged answer must be in the store and every session readable
  all         all three

Each prints JSON lines (one per measurement) and a summary; `--out FILE` appends the lines to FILE.
"""
import argparse
import json
import os
import random
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import http.client
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CONTENT = os.path.join(ROOT, "Content")
CREDENTIAL = "aws-mla-c01"
PASSWORD = "load test passphrase"


def log(*parts):
    print("load:", *parts, file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL: a throwaway server this script controls (so it can restart it mid-load)

class Postgres:
    def __init__(self, work):
        self.bin = self.find_bin()
        self.work = work
        self.data = os.path.join(work, "pgdata")
        self.sockets = os.path.join(work, "pgsock")
        os.makedirs(self.sockets, exist_ok=True)
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if os.getuid() == 0:
            subprocess.run(["chown", "-R", "postgres", work], check=True)
            os.chmod(work, 0o755)

    @staticmethod
    def find_bin():
        versions = sorted((d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin")),
                          key=lambda v: [int(x) for x in v.split(".") if x.isdigit()], reverse=True) if os.path.isdir("/usr/lib/postgresql") else []
        for v in versions:
            return f"/usr/lib/postgresql/{v}/bin"
        raise SystemExit("load: PostgreSQL is not installed (scripts/with-postgres installs it)")

    def run(self, *args, check=True):
        return subprocess.run(self.as_owner + [os.path.join(self.bin, args[0])] + list(args[1:]), check=check,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def init(self):
        self.run("initdb", "-D", self.data, "-U", "mlcert", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "mlcert", "mlcert")

    def start(self):
        self.run("pg_ctl", "-D", self.data, "-l", os.path.join(self.work, "pg.log"), "-w", "-t", "60", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets} -c max_connections=200 -c shared_buffers=64MB", "start")

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def url(self, schema):
        return f"postgres://mlcert@127.0.0.1:{self.port}/mlcert?sslmode=disable&schema={schema}"

    def query(self, sql):
        out = self.run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "mlcert", "-d", "mlcert", "-At", "-F", "\t", "-c", sql)
        return [line.split("\t") for line in out.stdout.splitlines() if line]


# ---------------------------------------------------------------------------------------------------------------
# mlcert serve

class Server:
    def __init__(self, binary, database, work, name="serve", extra=()):
        self.binary, self.database, self.work, self.name, self.extra = binary, database, work, name, list(extra)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait=True):
        env = dict(os.environ, LOG_LEVEL="warning")
        self.logfile = open(os.path.join(self.work, f"{self.name}.log"), "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--database", self.database, "--content", CONTENT, "--bcrypt-cost", "4",
             "--trust-forwarded-for"] + self.extra, stdout=subprocess.DEVNULL, stderr=self.logfile, env=env)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"load: {self.name} exited with {self.process.returncode}; see {self.logfile.name}")
            try:
                status, _ = request(self.url, "GET", "/health", timeout=1)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit(f"load: {self.name} did not become ready")

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None

    def cpu_seconds(self):
        """User + system CPU time the server process has used so far."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            return process_cpu_seconds(f.read())

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def request(base, method, path, body=None, token=None, headers=None, timeout=10, conn=None):
    u = urlparse(base)
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = f"Bearer {token}"
    h.update(headers or {})
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        response = conn.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if data and response.getheader("Content-Type", "").startswith("application/json") else data)
    finally:
        if own:
            conn.close()


# ---------------------------------------------------------------------------------------------------------------
# Learners and their open exams

def prepare(base, learners, exams_per_learner, positions, seed=1, network=10):
    """Registers accounts (each from its own forwarded address, as behind a proxy), starts their exams and learns how
    many options each of the first `positions` questions needs. Returns a list of sessions:
    {token, session, answers: [(position, [letters])]}

    A learner has one open mock exam at a time (starting another returns the open one), so `learners` x
    `exams_per_learner` open exams take as many accounts, one exam each: every listed session is distinct, and no two
    client threads answer the same session. Each account registers from its own address in `network`.0.0.0/8; the
    server allows 10 registrations an hour per address, so callers that prepare more than once an hour on the same
    server pass another `network` or another learner count."""
    rng = random.Random(seed)
    sessions = []
    for i in range(learners * exams_per_learner):
        status, body = request(base, "POST", "/api/v1/account/register",
                               {"email": f"learner{i}-{rng.randrange(10**9)}@load.example", "password": PASSWORD, "display_name": f"L{i}"},
                               headers={"X-Forwarded-For": f"{network}.{i // 250}.{i % 250}.1"})
        if status != 201:
            raise SystemExit(f"load: register failed: {status} {body}")
        token = body["token"]
        status, detail = request(base, "POST", "/api/v1/sessions", {"kind": "exam", "credential": CREDENTIAL}, token=token)
        if status != 201:
            raise SystemExit(f"load: exam start failed: {status} {detail}")
        sid = detail["session"]["id"]
        answers = []
        # A second, different selection per question: the fault clients alternate the two, so that answering a
        # question again changes the answer (the same selection again records nothing, by design).
        alternates = []
        for position in range(positions):
            status, view = request(base, "GET", f"/api/v1/sessions/{sid}?position={position}", token=token)
            if status != 200:
                raise SystemExit(f"load: question view failed: {status} {view}")
            q = view["question"]
            letters = [o["letter"] for o in q["options"]]
            first = sorted(rng.sample(letters, q["choose"]))
            other = first
            while other == first and len(letters) > q["choose"]:
                other = sorted(rng.sample(letters, q["choose"]))
            answers.append((position, first))
            alternates.append((position, other))
        sessions.append({"token": token, "session": sid, "answers": answers, "alternates": alternates})
    return sessions


def write_lines(sessions, path, passes=("answers", "alternates")):
    """Position-major, so that consecutive requests (and so concurrent connections) go to different sessions. Two
    passes: every question with its first selection, then with its alternate, so that as `wrk` cycles through the file
    every request changes the recorded answer and appends an event (re-sending the answer already recorded records
    nothing, and would measure a request that writes nothing). The warm-up's file has only the alternates, so that
    the timed run, which begins with the first selections, writes on every request however far the warm-up got."""
    with open(path, "w") as f:
        for key in passes:
            for index in range(max(len(s[key]) for s in sessions)):
                for s in sessions:
                    if index < len(s[key]):
                        position, letters = s[key][index]
                        f.write(f"{s['token']} {s['session']} {position} {','.join(letters)}\n")


# ---------------------------------------------------------------------------------------------------------------
# wrk

def wrk(url, lines, seconds, connections, threads=2, rate_delay_ms=0):
    env = dict(os.environ, MLCERT_LOAD_LINES=lines, MLCERT_LOAD_DELAY_MS=str(rate_delay_ms), MLCERT_LOAD_THREADS=str(threads))
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
                          "-s", os.path.join(HERE, "answers.lua"), url], capture_output=True, text=True, env=env)
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit(f"load: wrk printed no summary:\n{out.stdout}\n{out.stderr}")


def stored_answers_sqlite(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM session_event WHERE change = 'answered'").fetchone()[0]
    finally:
        db.close()


def children_cpu_seconds():
    """User + system CPU time of finished child processes (the wrk runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_cpu_seconds():
    """The whole machine's CPU time so far by kind, from the first line of /proc/stat: user, nice, system, idle,
    iowait, irq, softirq, and steal (time the hypervisor gave this virtual machine's cores to another guest)."""
    with open("/proc/stat") as f:
        values = [int(x) / os.sysconf("SC_CLK_TCK") for x in f.readline().split()[1:9]]
    return dict(zip(["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"], values))


def machine_busy_seconds(times=None):
    """CPU time the whole machine spent not idle (all processes: the server, wrk, PostgreSQL, anyone else's builds),
    including steal. `times`: a `machine_cpu_seconds()` reading, or now."""
    times = times or machine_cpu_seconds()
    return sum(times.values()) - times["idle"] - times["iowait"]


def steal_seconds():
    """Time the hypervisor took this machine's cores for other guests."""
    return machine_cpu_seconds()["steal"]


def process_cpu_seconds(stat):
    """User + system CPU time from the text of a /proc/PID/stat file."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def emit(out, record):
    record["load_average_1m"] = loadavg()
    line = json.dumps(record, sort_keys=True)
    print(line, flush=True)
    if out:
        with open(out, "a") as f:
            f.write(line + "\n")


# ---------------------------------------------------------------------------------------------------------------
# throughput

def throughput(args, work):
    results = []
    stores = ["sqlite", "postgres"] if not args.sqlite_only else ["sqlite"]
    pg = None
    for store in stores:
        if store == "postgres":
            pg = Postgres(os.path.join(work, "pg-throughput"))
            pg.init()
            database = pg.url("load")
        else:
            database = os.path.join(work, "throughput.sqlite")
        server = Server(args.binary, database, work, name=f"serve-{store}").start()
        try:
            sessions = prepare(server.url, args.learners, args.exams, args.positions)
            lines, warm_lines = os.path.join(work, f"lines-{store}.txt"), os.path.join(work, f"lines-{store}-warm.txt")
            write_lines(sessions, lines)
            write_lines(sessions, warm_lines, passes=("alternates",))
            wrk(server.url, warm_lines, args.warmup, args.connections)  # warm-up, not reported
            before = stored_answers_sqlite(database) if store == "sqlite" else int(pg.query("SET search_path TO load; SELECT COUNT(*) FROM session_event WHERE change = 'answered'")[-1][0])
            # CPU used during the timed run, by the server and by the client (wrk shares the cores with it).
            server_cpu, client_cpu, busy, wall = server.cpu_seconds(), children_cpu_seconds(), machine_busy_seconds(), time.time()
            summary = wrk(server.url, lines, args.seconds, args.connections)
            wall = time.time() - wall
            summary.update(server_cores=round((server.cpu_seconds() - server_cpu) / wall, 2),
                           client_cores=round((children_cpu_seconds() - client_cpu) / wall, 2),
                           machine_busy_cores=round((machine_busy_seconds() - busy) / wall, 2))
            after = stored_answers_sqlite(database) if store == "sqlite" else int(pg.query("SET search_path TO load; SELECT COUNT(*) FROM session_event WHERE change = 'answered'")[-1][0])
            summary.update(test="throughput", store=store, processes=1, connections=args.connections, seconds=args.seconds,
                           stored_during_run=after - before, stored_per_second=round((after - before) / args.seconds, 1))
            emit(args.out, summary)
            results.append(summary)
            if store == "postgres" and not args.skip_second_process:
                second = Server(args.binary, database, work, name="serve-postgres-2").start()
                try:
                    # Each process serves its own half of the learners, as a load balancer with sticky sessions would.
                    halves = [os.path.join(work, "lines-postgres-a.txt"), os.path.join(work, "lines-postgres-b.txt")]
                    write_lines(sessions[0::2], halves[0])
                    write_lines(sessions[1::2], halves[1])
                    outcome = {}
                    def run(name, url, part, seconds):
                        outcome[name] = wrk(url, part, seconds, args.connections // 2, threads=1)
                    warm = [threading.Thread(target=run, args=("a", server.url, halves[0], args.warmup)),
                            threading.Thread(target=run, args=("b", second.url, halves[1], args.warmup))]
                    [t.start() for t in warm]
                    [t.join() for t in warm]
                    count = "SET search_path TO load; SELECT COUNT(*) FROM session_event WHERE change = 'answered'"
                    before = int(pg.query(count)[-1][0])
                    threads = [threading.Thread(target=run, args=("a", server.url, halves[0], args.seconds)),
                               threading.Thread(target=run, args=("b", second.url, halves[1], args.seconds))]
                    busy, wall = machine_busy_seconds(), time.time()
                    [t.start() for t in threads]
                    [t.join() for t in threads]
                    wall = time.time() - wall
                    # Sessions stay on whichever selection the earlier runs left them, so part of this run re-sends
                    # the recorded answer (acknowledged, nothing to write): the answers actually written are counted.
                    stored = int(pg.query(count)[-1][0]) - before
                    combined = {"test": "throughput", "store": "postgres", "processes": 2, "connections": args.connections, "seconds": args.seconds,
                                "acknowledged_per_second": outcome["a"]["acknowledged_per_second"] + outcome["b"]["acknowledged_per_second"],
                                "p99_ms_per_process": [outcome["a"]["p99_ms"], outcome["b"]["p99_ms"]],
                                "p50_ms_per_process": [outcome["a"]["p50_ms"], outcome["b"]["p50_ms"]],
                                "errors": outcome["a"]["errors"] + outcome["b"]["errors"], "stored_during_run": stored,
                                "stored_per_second": round(stored / args.seconds, 1), "machine_busy_cores": round((machine_busy_seconds() - busy) / wall, 2)}
                    emit(args.out, combined)
                    results.append(combined)
                finally:
                    second.stop()
        finally:
            server.stop()
            if pg:
                pg.stop()
    return results


# ---------------------------------------------------------------------------------------------------------------
# soak

class SoakWatch:
    """What happens inside each soak minute, to explain latency that is not flat: a probe (one more learner, own exam
    and connection) answers every 100 ms and times each answer, and once a second the watcher samples the server's CPU,
    the CPU of the wrk clients, the whole machine's busy cores, and the SQLite file's size. The database file grows only
    when a checkpoint copies pages from the WAL into it, so a growth between two samples marks a checkpoint.
    `--soak-trace FILE` writes the per-second samples and every probe answer as JSON lines."""

    def __init__(self, server, database, probe_session, trace=None):
        self.server, self.database, self.session, self.trace = server, database, probe_session, trace
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.probes, self.seconds, self.checkpoints = [], [], []

    def start(self):
        self.stop_event.clear()
        self.probes, self.seconds, self.checkpoints = [], [], []
        self.threads = [threading.Thread(target=self.probe), threading.Thread(target=self.sample)]
        [t.start() for t in self.threads]

    def finish(self):
        """Stops both threads and summarises the minute."""
        self.stop_event.set()
        [t.join() for t in self.threads]
        latencies = sorted(ms for _, ms, _ in self.probes)
        slow = [(t, ms) for t, ms, _ in self.probes if ms > 20]
        # A probe is "after a checkpoint" when the file grew between the previous probe and this one (probes are 100 ms
        # apart); the share of all probes that are tells how often that happens by chance.
        after = lambda t: any(0 <= c - t <= 0.15 for c in self.checkpoints)
        near = [t for t, _ in slow if after(t)]
        base = sum(1 for t, _, _ in self.probes if after(t))
        quantile = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2) if latencies else None
        return {"probe_answers": len(latencies), "probe_p50_ms": quantile(0.5), "probe_p99_ms": quantile(0.99),
                "probe_max_ms": round(latencies[-1], 2) if latencies else None, "probe_over_20ms": len(slow),
                "probe_over_20ms_next_to_checkpoint": len(near), "probes_next_to_checkpoint": base, "checkpoints": len(self.checkpoints),
                "probe_errors": sum(1 for _, _, status in self.probes if status != 200),
                "server_cores_max_1s": max((x["server_cores"] for x in self.seconds), default=None),
                "machine_busy_cores_max_1s": max((x["machine_busy_cores"] for x in self.seconds), default=None),
                "other_cores_mean": round(sum(x["other_cores"] for x in self.seconds) / max(1, len(self.seconds)), 2),
                "other_cores_max_1s": max((x["other_cores"] for x in self.seconds), default=None),
                "steal_cores_mean": round(sum(x["machine_cores_by_kind"]["steal"] for x in self.seconds) / max(1, len(self.seconds)), 2),
                "steal_cores_max_1s": max((x["machine_cores_by_kind"]["steal"] for x in self.seconds), default=None),
                "other_processes_cpu_seconds": self.other_totals()}

    def other_totals(self):
        """CPU seconds each other process used over the minute, largest first (the watcher itself is one of the
        python3 entries)."""
        totals = {}
        for line in self.seconds:
            for name, cores in line["other_processes"].items():
                totals[name] = totals.get(name, 0) + cores
        return {name: round(seconds, 1) for name, seconds in sorted(totals.items(), key=lambda x: -x[1])[:5]}

    def record(self, line):
        if self.trace:
            with self.lock, open(self.trace, "a") as f:
                f.write(json.dumps(line) + "\n")

    def probe(self):
        u = urlparse(self.server.url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        s, turn = self.session, 0
        size = os.path.getsize(self.database)
        while not self.stop_event.wait(0.1):
            choices = s["answers"] if (turn // len(s["answers"])) % 2 == 0 else s["alternates"]
            position, letters = choices[turn % len(s["answers"])]
            turn += 1
            t0 = time.time()
            try:
                status, _ = request(self.server.url, "POST", f"/api/v1/sessions/{s['session']}/answers",
                                    {"position": position, "choices": letters}, token=s["token"], conn=conn)
            except (OSError, http.client.HTTPException):
                status = "connection_error"
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            ms = (time.time() - t0) * 1000
            self.probes.append((t0, ms, status))
            self.record({"probe_at": round(t0, 3), "ms": round(ms, 2), "status": status})
            grown = os.path.getsize(self.database)
            if grown > size:
                self.checkpoints.append(time.time())
                size = grown

    def sample(self):
        server_pid = str(self.server.process.pid)
        def processes():
            """CPU seconds so far of every process but the server, by pid: (name, seconds)."""
            found = {}
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        text = f.read()
                except OSError:
                    continue
                if pid != server_pid:
                    found[pid] = (text.split("(", 1)[1].rsplit(")", 1)[0], process_cpu_seconds(text))
            return found
        wrk_seconds = lambda table: sum(seconds for name, seconds in table.values() if name == "wrk")
        table, last_times = processes(), machine_cpu_seconds()
        last = (time.time(), self.server.cpu_seconds(), wrk_seconds(table), machine_busy_seconds(last_times))
        while not self.stop_event.wait(1.0):
            current, times = processes(), machine_cpu_seconds()
            now = (time.time(), self.server.cpu_seconds(), wrk_seconds(current), machine_busy_seconds(times))
            dt = now[0] - last[0]
            # Which other processes used the CPU this second (kernel threads included, by name).
            used = {}
            for pid, (name, seconds) in current.items():
                if name != "wrk" and pid in table and seconds > table[pid][1]:
                    used[name] = used.get(name, 0) + seconds - table[pid][1]
            # The machine's time by kind (softirq is the kernel's network and block completion work, charged to no
            # process; steal is time the hypervisor gave to another guest).
            kinds = {k: round((times[k] - last_times[k]) / dt, 2) for k in ["user", "system", "irq", "softirq", "steal", "iowait"]}
            # wrk's CPU is read from running processes only, so a wrk that started or ended within the second is
            # under-counted; "other" is then over-counted by at most that second's share.
            server, clients, busy = (now[1] - last[1]) / dt, max(0.0, (now[2] - last[2]) / dt), (now[3] - last[3]) / dt
            line = {"at": round(now[0], 3), "server_cores": round(server, 2), "wrk_cores": round(clients, 2), "machine_busy_cores": round(busy, 2),
                    "other_cores": round(max(0.0, busy - server - clients), 2),
                    "other_processes": {name: round(seconds / dt, 2) for name, seconds in sorted(used.items(), key=lambda x: -x[1])[:4]},
                    "machine_cores_by_kind": kinds,
                    "database_bytes": os.path.getsize(self.database),
                    "wal_bytes": os.path.getsize(self.database + "-wal") if os.path.exists(self.database + "-wal") else 0}
            self.seconds.append(line)
            self.record(line)
            table, last_times, last = current, times, now


def soak(args, work):
    database = os.path.join(work, "soak.sqlite")
    server = Server(args.binary, database, work, name="serve-soak").start()
    samples = []
    try:
        lines = os.path.join(work, "lines-soak.txt")
        watch = SoakWatch(server, database, prepare(server.url, 1, 1, args.positions, seed=1, network=11)[0], trace=args.soak_trace)
        for minute in range(args.minutes):
            # Fresh exams each minute (unless --soak-same-sessions): learners finish an exam and start another, so a
            # session holds a bounded number of answers, as in real use. Answering the same exams for the whole soak
            # grows each session's log by about a hundred events a minute, to more than a thousand, which no learner
            # does, and the memory that costs (each kept state holds its answer log) is not a leak.
            if minute == 0 or not args.soak_same_sessions:
                # Each minute's accounts register from their own network: the server allows 10 registrations an hour
                # per address, which a soak longer than 10 minutes would otherwise reach.
                write_lines(prepare(server.url, args.learners, args.exams, args.positions, seed=2 + minute, network=20 + minute % 200), lines)
            watch.start()
            summary = wrk(server.url, lines, 60, args.soak_connections, threads=1, rate_delay_ms=args.soak_delay_ms)
            inside = watch.finish()
            sample = {"test": "soak", "minute": minute + 1, "rss_kib": server.rss_kib(), "acknowledged_per_second": summary["acknowledged_per_second"],
                      "p50_ms": summary["p50_ms"], "p99_ms": summary["p99_ms"], "errors": summary["errors"], "load_average": loadavg(), **inside}
            emit(args.out, sample)
            samples.append(sample)
    finally:
        server.stop()
    errors = sum(s["errors"] + s["probe_errors"] for s in samples)
    rss = [s["rss_kib"] for s in samples]
    p99 = [s["p99_ms"] for s in samples]
    verdict = {"test": "soak", "minutes": args.minutes, "same_sessions": args.soak_same_sessions, "errors": errors, "rss_kib_first": rss[0], "rss_kib_last": rss[-1],
               "rss_growth_kib_after_first_minute": rss[-1] - rss[0], "p99_ms_min": min(p99), "p99_ms_max": max(p99),
               "rate_mean": round(sum(s["acknowledged_per_second"] for s in samples) / len(samples), 1)}
    emit(args.out, verdict)
    return verdict


# ---------------------------------------------------------------------------------------------------------------
# faults: clients that remember every acknowledged answer

class Learners:
    """Client threads, each owning some sessions and answering them one request at a time, recording every answer the
    server acknowledged (200) in order per session."""

    def __init__(self, base, sessions, threads):
        self.base, self.sessions, self.threads = base, sessions, threads
        # Per session, the acknowledged answers that must each have stored an event: an answer counts when the
        # previous answer sent to its question was acknowledged and chose differently (or there was none). The same
        # selection again records nothing, and after a connection error the stored selection is unknown.
        self.acked = {s["session"]: [] for s in sessions}
        self.acknowledged = 0
        self.last_sent = {}
        self.statuses = {}
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def run(self):
        self.stop.clear()
        workers = [threading.Thread(target=self.worker, args=(i,)) for i in range(self.threads)]
        [w.start() for w in workers]
        return workers

    def worker(self, index):
        mine = self.sessions[index::self.threads]
        u = urlparse(self.base)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
        step = 0
        while not self.stop.is_set():
            s = mine[step % len(mine)]
            visit = step // len(mine)
            choices = s["answers"] if (visit // len(s["answers"])) % 2 == 0 else s["alternates"]
            position, letters = choices[visit % len(s["answers"])]
            step += 1
            try:
                status, _ = request(self.base, "POST", f"/api/v1/sessions/{s['session']}/answers", {"position": position, "choices": letters},
                                    token=s["token"], conn=conn)
            except (OSError, http.client.HTTPException):
                status = "connection_error"
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
                time.sleep(0.05)
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                key = (s["session"], position)
                previous = self.last_sent.get(key)
                if status == 200:
                    self.acknowledged += 1
                    if previous is None or (previous[1] and previous[0] != letters):
                        self.acked[s["session"]].append(position)
                self.last_sent[key] = (letters, status == 200)
        conn.close()

    def total_acked(self):
        return self.acknowledged


def is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check_stored(learners, stored_positions, base):
    """Every acknowledged answer is stored (as a subsequence of the session's stored answers, in order), at most one
    unacknowledged answer per client was stored besides, and every session still loads through the API."""
    missing = []
    extra = 0
    for sid, acked in learners.acked.items():
        stored = stored_positions.get(sid, [])
        if not is_subsequence(acked, stored):
            missing.append(sid)
        extra += len(stored) - len(acked)
    unreadable = []
    for s in learners.sessions:
        status, _ = request(base, "GET", f"/api/v1/sessions/{s['session']}", token=s["token"])
        if status != 200:
            unreadable.append((s["session"], status))
    return {"sessions_missing_an_acknowledged_answer": len(missing), "stored_but_unacknowledged": extra, "unreadable_sessions": len(unreadable)}


def sqlite_positions(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT session_id, position FROM session_event WHERE change = 'answered' ORDER BY session_id, sequence").fetchall()
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    out = {}
    for sid, position in rows:
        out.setdefault(sid, []).append(position)
    return out, integrity


def pg_positions(pg, schema):
    rows = pg.query(f"SET search_path TO {schema}; SELECT session_id, position FROM session_event WHERE change = 'answered' ORDER BY session_id, sequence")
    out = {}
    for row in rows:
        if len(row) == 2:
            out.setdefault(row[0], []).append(int(row[1]))
    return out


def fault_kill9(args, work, kills):
    database = os.path.join(work, "kill9.sqlite")
    server = Server(args.binary, database, work, name="serve-kill9").start()
    sessions = prepare(server.url, 8, 2, 10, seed=3)
    learners = Learners(server.url, sessions, threads=8)
    rng = random.Random(4)
    rounds = []
    try:
        for round_ in range(kills):
            workers = learners.run()
            time.sleep(rng.uniform(0.3, 2.0))
            server.kill9()
            learners.stop.set()
            [w.join() for w in workers]
            positions, integrity = sqlite_positions(database)
            server.start()  # the same database: the server must recover
            check = check_stored(learners, positions, server.url)
            check.update(round=round_ + 1, integrity=integrity, acknowledged_so_far=learners.total_acked())
            rounds.append(check)
    finally:
        server.stop()
    verdict = {"test": "fault-kill9", "store": "sqlite", "kills": kills, "acknowledged": learners.total_acked(),
               "sessions_missing_an_acknowledged_answer": sum(r["sessions_missing_an_acknowledged_answer"] for r in rounds),
               "unreadable_sessions": sum(r["unreadable_sessions"] for r in rounds),
               "integrity_not_ok": sum(1 for r in rounds if r["integrity"] != "ok"),
               "stored_but_unacknowledged": rounds[-1]["stored_but_unacknowledged"] if rounds else 0,
               "statuses": {str(k): v for k, v in learners.statuses.items()}}
    verdict["passed"] = verdict["sessions_missing_an_acknowledged_answer"] == 0 and verdict["unreadable_sessions"] == 0 and verdict["integrity_not_ok"] == 0
    emit(args.out, verdict)
    return verdict


def fault_postgres_restart(args, work):
    pg = Postgres(os.path.join(work, "pg-restart"))
    pg.init()
    server = Server(args.binary, pg.url("restart"), work, name="serve-pg-restart").start()
    try:
        sessions = prepare(server.url, 8, 2, 10, seed=5)
        learners = Learners(server.url, sessions, threads=8)
        workers = learners.run()
        time.sleep(1.5)
        before = learners.total_acked()
        pg.stop("fast")
        time.sleep(2)
        during = learners.total_acked()
        pg.start()
        restarted_at = time.time()
        recovered_at = None
        # The connection pool reconnects with backoff; on a loaded 2-core machine that has taken longer than 30 s, and
        # longer than 60 s once inside the full test suite (LoadFaultTests took 350 s there against 65 s alone).
        deadline = time.time() + 120
        while time.time() < deadline:
            if learners.total_acked() > during + 20:
                recovered_at = time.time()
                break
            time.sleep(0.1)
        time.sleep(1)
        learners.stop.set()
        [w.join() for w in workers]
        check = check_stored(learners, pg_positions(pg, "restart"), server.url)
        ready, _ = request(server.url, "GET", "/ready")
        verdict = {"test": "fault-postgres-restart", "acknowledged": learners.total_acked(), "acknowledged_before_stop": before,
                   "acknowledged_while_down": during - before, "recovered": recovered_at is not None,
                   "recovered_after_restart_s": round(recovered_at - restarted_at, 1) if recovered_at else None, "ready_after": ready,
                   "statuses": {str(k): v for k, v in learners.statuses.items()}, "server_alive": server.process.poll() is None}
        verdict.update(check)
        verdict["passed"] = (verdict["sessions_missing_an_acknowledged_answer"] == 0 and verdict["unreadable_sessions"] == 0 and verdict["recovered"]
                             and verdict["server_alive"] and ready == 200)
        emit(args.out, verdict)
        return verdict
    finally:
        server.stop()
        pg.stop()


def fault_disk_full(args, work, size_mb=24):
    mount = os.path.join(work, "small-disk")
    os.makedirs(mount, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", mount], check=True)
    try:
        database = os.path.join(mount, "learners.sqlite")
        server = Server(args.binary, database, work, name="serve-disk-full").start()
        try:
            sessions = prepare(server.url, 8, 2, 10, seed=6)
            # Fill the volume, leaving a little room, then let the learners run it out.
            filler = os.path.join(mount, "filler")
            free = shutil.disk_usage(mount).free
            with open(filler, "wb") as f:
                f.write(b"\0" * max(0, free - 256 * 1024))
            learners = Learners(server.url, sessions, threads=8)
            workers = learners.run()
            deadline = time.time() + 30
            while time.time() < deadline and not any(k not in (200, "connection_error") for k in list(learners.statuses)):
                time.sleep(0.1)
            time.sleep(1)
            refused = {str(k): v for k, v in learners.statuses.items() if k != 200}
            learners.stop.set()
            [w.join() for w in workers]
            alive_when_full = server.process.poll() is None
            os.remove(filler)  # space comes back: the server should carry on
            acked_before = learners.total_acked()
            workers = learners.run()
            time.sleep(2)
            learners.stop.set()
            [w.join() for w in workers]
            resumed = learners.total_acked() - acked_before
            positions, integrity = sqlite_positions(database)
            check = check_stored(learners, positions, server.url)
            verdict = {"test": "fault-disk-full", "store": "sqlite", "volume_mb": size_mb, "acknowledged": learners.total_acked(),
                       "refused_when_full": refused, "server_alive_when_full": alive_when_full, "acknowledged_after_space_returned": resumed,
                       "integrity": integrity}
            verdict.update(check)
            # Failing loudly: every refusal while full is 503 store_unavailable, never a 500 and never an acknowledgement.
            verdict["passed"] = (check["sessions_missing_an_acknowledged_answer"] == 0 and check["unreadable_sessions"] == 0 and integrity == "ok"
                                 and bool(refused) and set(refused) <= {"503"} and resumed > 0)
            emit(args.out, verdict)
            return verdict
        finally:
            server.stop()
    finally:
        subprocess.run(["umount", "-l", mount], check=False)


def faults(args, work):
    results = [fault_kill9(args, work, args.kills)]
    if not args.sqlite_only:
        results.append(fault_postgres_restart(args, work))
    if os.getuid() == 0:
        results.append(fault_disk_full(args, work))
    else:
        log("disk-full fault skipped: mounting a small tmpfs needs root")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["throughput", "soak", "faults", "all"])
    parser.add_argument("--binary", required=True, help="the mlcert executable (a release build)")
    parser.add_argument("--out", help="append the JSON lines here")
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--exams", type=int, default=10, help="open exams per learner")
    parser.add_argument("--positions", type=int, default=20, help="questions answered (and re-answered) per exam")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--minutes", type=int, default=10, help="soak length")
    parser.add_argument("--soak-connections", type=int, default=8)
    parser.add_argument("--soak-delay-ms", type=int, default=20, help="pause per connection between answers in the soak")
    parser.add_argument("--soak-trace", help="write the soak's per-second samples and probe answers here (JSON lines)")
    parser.add_argument("--soak-same-sessions", action="store_true",
                        help="answer the same exams for the whole soak (default: fresh exams every minute)")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL (throughput and faults)")
    parser.add_argument("--skip-second-process", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mlcert-load-", dir=os.environ.get("MLCERT_LOAD_WORK", "/var/tmp"))
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user and must reach its directory inside
    log(f"working in {work}; load average {loadavg()}")
    ok = True
    try:
        if args.command in ("throughput", "all"):
            throughput(args, work)
        if args.command in ("soak", "all"):
            verdict = soak(args, work)
            ok &= verdict["errors"] == 0
        if args.command in ("faults", "all"):
            ok &= all(r["passed"] for r in faults(args, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
