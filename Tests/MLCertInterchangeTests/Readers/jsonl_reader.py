"""Reads a JSON Lines export with Python's json module, one object a line, and prints them as one JSON list."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    json.dump([json.loads(line) for line in f if line.strip()], sys.stdout)
