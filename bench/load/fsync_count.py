"""Counts the flushes of one `mlcert serve` on SQLite while one learner records 40 answers one after another: each
answer is its own commit, so a store that flushes every commit makes at least 40 fsync/fdatasync calls. Needs strace.

  python3 bench/load/fsync_count.py BINARY
"""
import os, sys, subprocess, time, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load
work = load.tempfile.mkdtemp(prefix="mlcert-fsync-", dir="/var/tmp")
server = load.Server(sys.argv[1], os.path.join(work, "f.sqlite"), work, name="fs").start()
try:
    s = load.prepare(server.url, 1, 1, 20)[0]
    st = subprocess.Popen(["strace", "-f", "-o", os.path.join(work, "strace.out"), "-e", "trace=fsync,fdatasync", "-p", str(server.process.pid)], stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    n = 0
    for rep in range(2):
        for (pos, letters) in (s["answers"] if rep == 0 else s["alternates"]):
            status, _ = load.request(server.url, "POST", f"/api/v1/sessions/{s['session']}/answers", {"position": pos, "choices": letters}, token=s["token"])
            n += status == 200
    time.sleep(1)
    st.send_signal(2); st.communicate()
    with open(os.path.join(work, "strace.out")) as f:
        flushes = sum(1 for line in f if "fsync(" in line or "fdatasync(" in line)
    print(json.dumps({"answers_acknowledged": n, "fsync_calls": flushes}))
finally:
    server.stop(); load.shutil.rmtree(work, ignore_errors=True)
