"""Slow and misbehaving HTTP clients against a running `mlcert serve`, over raw sockets on loopback.

Usage: slow_clients.py URL WAIT_SECONDS
Prints one JSON object: for each probe, how many seconds until the server closed the connection (null if it was
still open after WAIT_SECONDS) and the first response line it sent, if any.
"""
import json
import socket
import sys
import time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
wait = float(sys.argv[2])


def connect():
    return socket.create_connection((url.hostname, url.port), timeout=5)


def until_closed(sock, limit, trickle=None):
    """Reads until the server closes; returns (seconds or None, first response line)."""
    start = time.monotonic()
    data = b""
    sock.settimeout(0.25)
    while time.monotonic() - start < limit:
        if trickle is not None:
            try:
                sock.sendall(trickle)
            except OSError:
                return round(time.monotonic() - start, 2), first_line(data)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            return round(time.monotonic() - start, 2), first_line(data)
        if not chunk:
            return round(time.monotonic() - start, 2), first_line(data)
        data += chunk
    return None, first_line(data)


def first_line(data):
    return data.split(b"\r\n", 1)[0].decode("latin-1") if data else None


def head(lines):
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


results = {}

sock = connect()  # an idle keep-alive connection that never sends a byte
results["idle"] = until_closed(sock, wait)

sock = connect()  # a request head that never ends
sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
results["unfinished_head"] = until_closed(sock, wait)

sock = connect()  # a body that is declared but never sent
sock.sendall(head(["POST /api/v1/account/login HTTP/1.1", "Host: x", "Content-Type: application/json", "Content-Length: 100"]) + b"{")
results["unsent_body"] = until_closed(sock, wait)

sock = connect()  # a body trickling in a byte at a time, never idle long enough for the idle timeout
sock.sendall(head(["POST /api/v1/account/login HTTP/1.1", "Host: x", "Content-Type: application/json", "Content-Length: 100000"]))
results["trickled_body"] = until_closed(sock, wait, trickle=b" ")

sock = connect()  # a declared 10 GB body: refused on the head alone
started = time.monotonic()
sock.sendall(head(["POST /api/v1/account/login HTTP/1.1", "Host: x", "Content-Type: application/json", "Content-Length: 10000000000"]) + b"{")
results["huge_declared_body"] = until_closed(sock, wait)

sock = connect()  # a client that gives up halfway through its body
sock.sendall(head(["POST /api/v1/account/login HTTP/1.1", "Host: x", "Content-Type: application/json", "Content-Length: 100"]) + b'{"email"')
time.sleep(0.3)
sock.close()
time.sleep(0.5)

print(json.dumps(results))
