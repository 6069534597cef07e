"""JSON Schemas for the data files, generated from the model.

    python -m macros.core.schema          # (re)write docs/schemas/*.schema.json
    python -m macros.core.schema --check  # exit 1 if a committed schema is stale

Each YAML file starts with ``# yaml-language-server: $schema=../schemas/<name>.schema.json``
so editors with the YAML language server validate as people type. The schemas
check shape only; references between files are checked by the build.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import TypeAdapter

from macros.core.model import FILES

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def schema_for(name: str) -> dict:
    kind = FILES[name]
    schema = TypeAdapter(list[kind]).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"docs/data/{name}",
        "description": f"A list of {kind.__name__} records. {(kind.__doc__ or '').strip()}",
        **schema,
    }


def rendered() -> dict[Path, str]:
    return {SCHEMA_DIR / f"{Path(name).stem}.schema.json": json.dumps(schema_for(name), indent=2) + "\n"
            for name in FILES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check the data files' JSON Schemas.")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path, text in rendered().items():
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale schemas: {', '.join(stale)}; run: python -m macros.core.schema", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
