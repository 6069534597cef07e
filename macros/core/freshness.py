"""Report pages past their review date.

    python -m macros.core.freshness [--docs docs] [--today YYYY-MM-DD] [--strict]

Prints one line per overdue page (path, owner, review-by date, days overdue)
and a summary; with --strict, exits 1 when any page is overdue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from macros.core.load import DataError, load
from macros.core.render.reviews import overdue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="docs", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page is overdue")
    args = parser.parse_args(argv)
    try:
        hb = load(args.docs)
    except DataError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 2
    rows = overdue(hb, args.today)
    for page, owner, review_by, days in rows:
        print(f"docs/{page}: owner {owner}, review by {review_by.isoformat()}, {days} days overdue")
    print(f"{len(rows)} of {len(hb.pages)} pages past their review date on {args.today.isoformat()}")
    return 1 if rows and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
