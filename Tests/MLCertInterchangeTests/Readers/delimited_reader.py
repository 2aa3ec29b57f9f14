"""Reads a CSV or TSV export with Python's csv module and prints the rows as JSON."""
import csv
import json
import sys


def main(path, delimiter):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t" if delimiter == "tab" else ","))
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
