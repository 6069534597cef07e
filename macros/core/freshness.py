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

from macros.core.load import load_or_report
from macros.core.render.reviews import overdue, today


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="docs", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=today(),
                        help="the day to count from (default: HANDBOOK_TODAY, else today)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page is overdue")
    args = parser.parse_args(argv)
    hb = load_or_report(args.docs)
    if hb is None:
        return 2
    rows = overdue(hb, args.today)
    for page, owner, review_by, days in rows:
        print(f"docs/{page}: owner {owner}, review by {review_by.isoformat()}, {days} days overdue")
    print(f"{len(rows)} of {len(hb.pages)} pages past their review date on {args.today.isoformat()}")
    return 1 if rows and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
