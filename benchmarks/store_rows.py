"""Dump every table of an onrecord SQLite store as sorted rows, without timestamps.

For checking that a refactor leaves the store unchanged: ingest the same folder before
and after, dump both, compare.

    onrecord ingest FOLDER --db /tmp/before.db   # on the old checkout
    onrecord ingest FOLDER --db /tmp/after.db    # on the new one
    python benchmarks/store_rows.py /tmp/before.db > /tmp/before.txt
    python benchmarks/store_rows.py /tmp/after.db > /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt
"""

from __future__ import annotations

import argparse
import sqlite3

_TIME_WORDS = ("_at", "time", "stamp", "created", "updated")


def dump(path: str) -> list[str]:
    """The store's tables, each a header line and its rows sorted by their text."""
    lines: list[str] = []
    with sqlite3.connect(path) as con:
        tables = con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        for (table,) in tables.fetchall():
            columns = [row[1] for row in con.execute(f"PRAGMA table_info('{table}')")]
            kept = [c for c in columns if not any(word in c for word in _TIME_WORDS)]
            if not kept:
                continue
            lines.append(
                f"## {table} ({', '.join(kept)}); without {sorted(set(columns) - set(kept))}"
            )
            selected = ", ".join(f'"{c}"' for c in kept)
            rows = con.execute(f'SELECT {selected} FROM "{table}"').fetchall()
            lines.extend(sorted(repr(row) for row in rows))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="an onrecord SQLite file")
    print("\n".join(dump(parser.parse_args().db)))


if __name__ == "__main__":
    main()
