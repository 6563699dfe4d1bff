"""Checks that the `followthemoney` package reads an FtM JSON lines file without dropping or changing
anything (scripts/ftm-check runs it in its venv).

For every line: the schema exists and is not abstract; the id is one FtM keeps; the entity, read with
cleaning on (model.get_proxy(..., cleaned=False), which cleans every value as the package does on import),
has exactly the (property, value) pairs of the raw JSON (nothing dropped, added or changed); its required
properties are there; and every entity-typed value names an entity in the file whose schema is in the
property's range. Prints a one-line summary; exits 1 listing the problems (ids and property names only;
values only with --show-values, since the file may hold personal data).
"""

import argparse
import collections
import json
import re
import sys

from followthemoney import model
from followthemoney.exc import InvalidData

ID_RE = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")


def pairs(properties):
    return {(prop, value) for prop, values in properties.items() for value in values}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--show-values", action="store_true", help="name the values dropped or changed")
    args = parser.parse_args()

    problems = []
    entities = {}
    raws = []
    with open(args.file, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {number}: invalid JSON at column {e.colno}")
                continue
            if not isinstance(raw, dict) or not isinstance(raw.get("properties", {}), dict):
                problems.append(f"line {number}: not an entity object")
                continue
            ident = raw.get("id")
            if not isinstance(ident, str) or not ID_RE.match(ident):
                problems.append(f"line {number}: id {ident!r} is not an id FtM keeps")
                continue
            if ident in entities:
                problems.append(f"line {number}: id {ident} repeats")
                continue
            schema = model.get(raw.get("schema") or "")
            if schema is None or schema.abstract:
                problems.append(f"line {number} ({ident}): schema {raw.get('schema')!r} is not a concrete FtM schema")
                continue
            entities[ident] = schema
            raws.append((number, raw))

    counts = collections.Counter()
    references = 0
    for number, raw in raws:
        ident = raw["id"]
        where = f"line {number} ({ident}, {raw['schema']})"
        try:
            proxy = model.get_proxy(raw, cleaned=False)
        except InvalidData as e:
            problems.append(f"{where}: the package refuses it: {e}")
            continue
        if proxy.id != ident:
            problems.append(f"{where}: the id was changed")
        before = pairs(raw.get("properties", {}))
        after = pairs(proxy.to_dict().get("properties", {}))
        for prop, value in sorted(before - after):
            shown = f" {value!r}" if args.show_values else ""
            problems.append(f"{where}: {prop}{shown} dropped or changed")
        for prop, value in sorted(after - before):
            shown = f" {value!r}" if args.show_values else ""
            problems.append(f"{where}: {prop}{shown} appeared on reading")
        for prop in proxy.schema.required:
            if not proxy.get(prop):
                problems.append(f"{where}: required property {prop} missing")
        for prop, value in sorted(before):
            spec = proxy.schema.get(prop)
            if spec is None or spec.type.name != "entity":
                continue
            references += 1
            target = entities.get(value)
            if target is None:
                problems.append(f"{where}: {prop} refers to {value}, which is not in the file")
            elif spec.range is not None and not target.is_a(spec.range):
                problems.append(f"{where}: {prop} refers to a {target.name}, not a {spec.range.name}")
        counts[raw["schema"]] += 1

    summary = ", ".join(f"{n} {schema}" for schema, n in sorted(counts.items()))
    if problems:
        print(f"ftm-check: {len(problems)} problems in {args.file}:", file=sys.stderr)
        for p in problems[:200]:
            print(f"  {p}", file=sys.stderr)
        if len(problems) > 200:
            print(f"  ... and {len(problems) - 200} more", file=sys.stderr)
        sys.exit(1)
    print(f"ftm-check: {len(raws)} entities ({summary}), {references} references: nothing dropped or changed")


if __name__ == "__main__":
    main()
