#!/usr/bin/env python3
"""Exercises a running Open311 GeoReport v2 endpoint with a real client (the `georeport` package
from PyPI) and validates every JSON answer against the GeoReport v2 JSON schemas.

georeport reads (services, definitions, requests, one request) in JSON and XML; it has no call for
posting, so POST requests.json is sent with `requests`, as the spec describes it (a URL-encoded
form with api_key). The schemas are not kept here: give their folder with --schemas, else
../shared/data/reference/open311 is used.

Usage: open311.py BASE_URL API_KEY [--schemas DIR]
Exit status: 0 all conform, 1 something does not (every problem printed), 2 could not run.
"""

import argparse
import json
import os
import pathlib
import sys

import requests
from georeport import GeoReport
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

PROBLEMS = []


def problem(msg):
    PROBLEMS.append(msg)
    print("NOT CONFORMING:", msg)


def registry(folder):
    resources = []
    for name in ("request.json", "requests.json", "service.json", "services.json",
                 "service-definition.json"):
        with open(folder / name, encoding="utf-8") as f:
            resources.append((name, Resource.from_contents(json.load(f),
                                                           default_specification=DRAFT7)))
    return Registry().with_resources(resources)


def validate(reg, schema_name, document, what):
    validator = Draft7Validator({"$ref": schema_name}, registry=reg,
                                format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        problem(f"{what}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    if not errors:
        print(f"ok: {what} conforms to {schema_name}")


def error_format(resp, status, what):
    if resp.status_code != status:
        problem(f"{what}: HTTP {resp.status_code}, expected {status}")
        return
    body = resp.json()
    if not (isinstance(body, list) and body and all(
            isinstance(e, dict) and e.get("code") == status and isinstance(e.get("description"), str)
            for e in body)):
        problem(f"{what}: not the spec's error format: {body!r}")
    else:
        print(f"ok: {what} answers {status} in the spec's error format")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("api_key")
    default = pathlib.Path(__file__).resolve().parents[2] / "../shared/data/reference/open311"
    ap.add_argument("--schemas", default=os.environ.get("VEGHE_OPEN311_SCHEMAS", str(default)))
    args = ap.parse_args()
    try:
        reg = registry(pathlib.Path(args.schemas))
    except OSError as e:
        print(f"cannot read the schemas: {e}", file=sys.stderr)
        return 2
    base = args.base.rstrip("/")
    client = GeoReport(base, api_key=args.api_key)
    xml_client = GeoReport(base, output_format="xml")

    services = client.get_service_list()
    validate(reg, "services.json", services, "services.json")
    for s in services:
        if s.get("metadata"):
            d = client.get_service_definition(s["service_code"])
            validate(reg, "service-definition.json", d, f"services/{s['service_code']}.json")
    xml_services = xml_client.get_service_list()
    if [s["service_code"] for s in xml_services] != [s["service_code"] for s in services]:
        problem("services.xml does not list the services of services.json")

    form = {"api_key": args.api_key, "service_code": services[0]["service_code"],
            "lat": "45.7537", "long": "21.2257", "address_string": "Piața Victoriei, Timișoara",
            "first_name": "Ana", "last_name": "Pop", "email": "ana@example.ro",
            "description": "Raportat din clientul georeport"}
    r = requests.post(f"{base}/requests.json", data=form)
    if r.status_code not in (200, 201):
        problem(f"POST requests.json: HTTP {r.status_code}: {r.text}")
        return 1
    created = r.json()
    new_id = created[0]["service_request_id"]
    print(f"ok: posted request {new_id}")
    error_format(requests.post(f"{base}/requests.json", data={**form, "api_key": "wrong"}), 403,
                 "POST with a wrong api_key")
    error_format(requests.post(f"{base}/requests.json",
                               data={k: v for k, v in form.items() if k != "service_code"}), 400,
                 "POST without service_code")

    listed = client.get_service_requests()
    validate(reg, "requests.json", listed, "requests.json")
    if new_id not in [x["service_request_id"] for x in listed]:
        problem("the posted request is not in requests.json")
    one = client.get_service_request(new_id)
    validate(reg, "request.json", one, f"requests/{new_id}.json")
    by_code = client.get_service_requests(service_code=form["service_code"], status="open")
    validate(reg, "requests.json", by_code, "requests.json?service_code&status")
    if any(x["service_code"] != form["service_code"] or x["status"] != "open" for x in by_code):
        problem("the service_code/status filter let other requests through")
    xml_one = xml_client.get_service_request(new_id)
    if xml_one.get("service_request_id") != new_id or xml_one.get("status") != one["status"]:
        problem(f"requests/{new_id}.xml differs from the JSON: {xml_one!r}")
    else:
        print(f"ok: requests/{new_id}.xml read by georeport agrees with the JSON")
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    sys.exit(main())
