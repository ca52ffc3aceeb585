#!/usr/bin/env python3
"""Validates record documents (JSON files, or JSON Lines with --jsonl) against
schema/review-sheet.schema.json with python3-jsonschema; prints each violation, exits 1 on any."""
import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "schema" / "review-sheet.schema.json"


def documents(paths, jsonl):
    for path in paths:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        if jsonl:
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    yield f"{path}:{number}", json.loads(line)
        else:
            yield path, json.loads(text)


def main(argv):
    jsonl = "--jsonl" in argv
    paths = [a for a in argv if a != "--jsonl"]
    if not paths:
        sys.exit("usage: validate-records.py [--jsonl] FILE...")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    bad = count = 0
    for name, document in documents(paths, jsonl):
        count += 1
        for error in validator.iter_errors(document):
            bad += 1
            print(f"{name}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"{count} documents, {bad} violations")
    return 1 if bad or not count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
