"""How long a flush takes on the disk under DIRECTORY (default /var/tmp): 4 KiB written and `os.fdatasync` in a loop
for 5 seconds, three times; prints flushes per second and the median, p99 and largest flush time per round.

  python3 bench/load/fsync_latency.py [DIRECTORY]

It tells whether the disk could be what limits answers/s (every acknowledged answer waits for one flush, shared by
the answers of its group commit).
"""
import os, sys, time

path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "/var/tmp", f"mlcert-fsync-probe-{os.getpid()}.bin")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
try:
    for round_ in range(3):
        latencies, end = [], time.time() + 5
        while time.time() < end:
            os.pwrite(fd, os.urandom(4096), (len(latencies) % 256) * 4096)
            start = time.perf_counter()
            os.fdatasync(fd)
            latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        n = len(latencies)
        print(f"round {round_}: {n / 5:.0f} fdatasync/s, p50 {latencies[n // 2]:.2f} ms, p99 {latencies[int(n * 0.99)]:.2f} ms, max {latencies[-1]:.2f} ms")
finally:
    os.close(fd)
    os.remove(path)
