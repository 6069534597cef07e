"""Record what a released version holds, for the changelog's generated lists.

    python -m macros.core.release 1.1

Adds (or replaces) the version's entry in docs/data/releases.yml: every checklist item,
right and CTO module it holds, with its text or title, and the date changelog.yml gives
it. The changelog page then lists, for each version, what it added and retired against
the version before it, and what the data holds that no release has yet. Add the
version, its date and its changes in words to changelog.yml first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from macros.core.load import Handbook, load_or_report, version_key
from macros.core.model import Version

HEADER = ("# yaml-language-server: $schema=../schemas/releases.schema.json\n"
          "# What each released version held, written by: python -m macros.core.release VERSION\n"
          "# (the changelog lists what each version added and retired from these). Do not edit by hand.\n")


def snapshot(hb: Handbook, version: str, date: dt.date) -> dict:
    return {"version": version, "date": date, **hb.holdings()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version")
    parser.add_argument("--docs", default="docs", type=Path)
    args = parser.parse_args(argv)
    if not re.fullmatch(Version.__metadata__[0].pattern, args.version):
        print(f"release: '{args.version}' is not a version; write it as in changelog.yml, e.g. 1.1 (not v1.1)",
              file=sys.stderr)
        return 2
    hb = load_or_report(args.docs)
    if hb is None:
        return 2
    dates = {change.version: change.date for change in hb.changelog}
    if args.version not in dates:
        print(f"release: version {args.version} is not in docs/data/changelog.yml; add it there first, with its "
              "changes in plain words", file=sys.stderr)
        return 2
    path = args.docs / "data" / "releases.yml"
    entries = [r.model_dump() for r in hb.releases if r.version != args.version]
    entries.append(snapshot(hb, args.version, dates[args.version]))
    entries.sort(key=lambda e: version_key(e["version"]))
    path.write_text(HEADER + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")
    print(f"{path}: version {args.version} recorded ({len(hb.checklist)} checklist items, {len(hb.rights)} rights, "
          f"{len(hb.modules)} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
