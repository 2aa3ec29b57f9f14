"""One point of the latency/throughput curve: a fresh `mlcert serve` (SQLite or a throwaway PostgreSQL), 400 learners
each in their own open exam (as `load.py throughput`), a 3-second warm-up, then a timed wrk run at the given number of
connections. Prints one JSON line: acknowledged and stored answers per second, p50/p99, the server's CPU (cores, and
milliseconds per answer), the whole machine's busy cores (and of them, the cores the hypervisor gave to other guests: steal), the server's RSS after the run, and (SQLite) fsync + fdatasync calls per stored answer,
counted machine-wide by `perf stat` (run as root; other processes' flushes would be counted too).

  python3 bench/load/curve.py BINARY sqlite|postgres SECONDS CONNECTIONS

With PERF_DATA=FILE in the environment, the timed run is also profiled: `perf record -g` of the server's process only
(read it with `perf report -i FILE --children`).
"""
import json, os, sys, subprocess, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load
binary, store, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
counts = [int(sys.argv[4])]
work = load.tempfile.mkdtemp(prefix="mlcert-curve-", dir="/var/tmp"); os.chmod(work, 0o755)
pg = None
if store == "postgres":
    pg = load.Postgres(os.path.join(work, "pg")); pg.init(); database = pg.url("load")
    stored = lambda: int(pg.query("SET search_path TO load; SELECT COUNT(*) FROM session_event WHERE change = 'answered'")[-1][0])
else:
    database = os.path.join(work, "c.sqlite")
    stored = lambda: load.stored_answers_sqlite(database)
server = load.Server(binary, database, work, name="curve").start()
try:
    sessions = load.prepare(server.url, 40, 10, 20)
    lines, warm = os.path.join(work, "l.txt"), os.path.join(work, "w.txt")
    load.write_lines(sessions, lines); load.write_lines(sessions, warm, passes=("alternates",))
    for conns in counts:
        load.wrk(server.url, warm, 3, conns)
        perf = subprocess.Popen(["/usr/bin/perf", "stat", "-x", ",", "-a", "-e", "syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync", "--", "sleep", str(seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        profile = None
        if os.environ.get("PERF_DATA"):
            profile = subprocess.Popen(["/usr/bin/perf", "record", "-F", "999", "-g", "-p", str(server.process.pid), "-o", os.environ["PERF_DATA"],
                                        "--", "sleep", str(seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        before, cpu0, busy0, steal0, t0 = stored(), server.cpu_seconds(), load.machine_busy_seconds(), load.steal_seconds(), time.time()
        r = load.wrk(server.url, lines, seconds, conns, threads=2 if conns >= 2 else 1)
        dt = time.time() - t0
        if profile: profile.wait()
        written = stored() - before
        syncs = sum(int(l.split(",")[0]) for l in perf.communicate()[1].splitlines() if l and l.split(",")[0].isdigit())
        print(json.dumps(dict(binary=os.path.basename(binary), store=store, connections=conns, acknowledged_per_second=r["acknowledged_per_second"],
            stored_per_second=round(written / dt, 1), p50_ms=r["p50_ms"], p99_ms=r["p99_ms"], errors=r["errors"],
            server_cores=round((server.cpu_seconds() - cpu0) / dt, 2), machine_busy_cores=round((load.machine_busy_seconds() - busy0) / dt, 2),
            steal_cores=round((load.steal_seconds() - steal0) / dt, 2),
            server_cpu_ms_per_answer=round((server.cpu_seconds() - cpu0) * 1000 / max(1, r["acknowledged"]), 3),
            fsyncs_per_answer=round(syncs / max(1, written), 4) if store == "sqlite" else None, server_rss_mib=round(server.rss_kib() / 1024, 1),
            load_average=load.loadavg())), flush=True)
finally:
    server.stop()
    if pg: pg.stop()
    load.shutil.rmtree(work, ignore_errors=True)
