#!/usr/bin/env python3
"""Validates a JSON file against NENA's EIDO schema (NENA-STA-021, root type
components/schemas/EmergencyIncidentDataObjectType of Schema/openapi.yaml and the NIEM components
it references).

The schema is NENA's and is not kept in this repository: give its folder (the one holding
Schema/) with --schema, or VEGHE_EIDO_SCHEMA, else ../shared/data/reference/eido is used.

One upstream defect is mended in memory: a `minItems: 1,` line whose trailing comma makes the
value the string "1,"; it is read as 1.

Exit status: 0 valid, 1 invalid (every error printed), 2 the schema or the file could not be read.
"""

import argparse
import json
import os
import pathlib
import sys
import urllib.parse

import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ROOT_TYPE = "#/components/schemas/EmergencyIncidentDataObjectType"
COUNT_KEYWORDS = ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties")


def mend(node):
    """Turns counts written as strings with stray punctuation ("1,") back into integers."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in COUNT_KEYWORDS and isinstance(value, str):
                node[key] = int(value.strip().rstrip(",").strip())
            else:
                mend(value)
    elif isinstance(node, list):
        for value in node:
            mend(value)
    return node


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return mend(yaml.safe_load(f))


def retrieve(uri):
    """Loads a referenced YAML document (OpenAPI 3.0 schemas read with draft-04 rules)."""
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme != "file":
        raise LookupError(f"refusing to fetch {uri}: only local schema files are read")
    path = os.path.normpath(urllib.parse.unquote(parsed.path))
    return Resource.from_contents(load_yaml(path), default_specification=DRAFT4)


def validator(schema_dir):
    openapi = pathlib.Path(schema_dir, "Schema", "openapi.yaml").resolve()
    base = openapi.as_uri()
    registry = Registry(retrieve=retrieve).with_resource(
        base, Resource.from_contents(load_yaml(openapi), default_specification=DRAFT4)
    )
    root = {"$ref": base + ROOT_TYPE}
    return Draft4Validator(root, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def default_schema_dir():
    if os.environ.get("VEGHE_EIDO_SCHEMA"):
        return os.environ["VEGHE_EIDO_SCHEMA"]
    repo = pathlib.Path(__file__).resolve().parents[2]
    return str(repo.parent / "shared" / "data" / "reference" / "eido")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the EIDO JSON document to check")
    parser.add_argument("--schema", default=None, help="the folder holding Schema/openapi.yaml")
    args = parser.parse_args()
    schema_dir = args.schema or default_schema_dir()
    if not pathlib.Path(schema_dir, "Schema", "openapi.yaml").is_file():
        print(f"eido: no NENA schema at {schema_dir}/Schema/openapi.yaml", file=sys.stderr)
        return 2
    try:
        with open(args.file, encoding="utf-8") as f:
            document = json.load(f)
    except (OSError, ValueError) as e:
        print(f"eido: cannot read {args.file}: {e}", file=sys.stderr)
        return 2
    errors = sorted(validator(schema_dir).iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"eido: INVALID at {where}: {e.message}")
    if errors:
        print(f"eido: {args.file}: {len(errors)} error(s) against EmergencyIncidentDataObjectType")
        return 1
    print(f"eido: {args.file}: valid against EmergencyIncidentDataObjectType")
    return 0


if __name__ == "__main__":
    sys.exit(main())
