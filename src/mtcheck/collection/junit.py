"""The collection's gate as JUnit XML: one test suite per document.

Each suite holds the document's gate checks (one test case per language and
threshold, as ``mtcheck evaluate --gate --junit`` writes for one document) and
its ``names.site-drift`` findings (a failure when their severity is error).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mtcheck.collection.records import CollectionRecord
from mtcheck.types import GateStatus, Severity


def junit_xml(record: CollectionRecord) -> str:
    suites = ET.Element("testsuites", {"name": f"mtcheck gate: {record.id}"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for number, document in enumerate(record.documents):
        suite = ET.SubElement(suites, "testsuite", {
            "name": document.id, "id": str(number), "package": "mtcheck.gate",
            "timestamp": document.summary.created[:19] or "1970-01-01T00:00:00",
            "hostname": "localhost", "errors": "0", "time": "0"})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for check in document.summary.gate_checks:
            case = ET.SubElement(suite, "testcase", {
                "name": check.name, "classname": f"{document.id}.{check.lang}", "time": "0"})
            counts["tests"] += 1
            if check.status is GateStatus.FAIL:
                counts["failures"] += 1
                ET.SubElement(case, "failure", {"message": check.message, "type": "mtcheck.gate"})
            elif check.status is GateStatus.SKIP:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", {"message": check.message})
            else:
                warn = "WARNING: " if check.status is GateStatus.WARN else ""
                ET.SubElement(case, "system-out").text = warn + check.message
        for item in record.drift:
            if item.document != document.id:
                continue
            case = ET.SubElement(suite, "testcase", {
                "name": f"{item.finding.check} {item.finding.entity or ''}".strip(),
                "classname": f"{document.id}.{item.lang}", "time": "0"})
            counts["tests"] += 1
            if item.finding.severity is Severity.ERROR and not item.finding.suppressed:
                counts["failures"] += 1
                ET.SubElement(case, "failure", {"message": item.finding.message,
                                                "type": item.finding.check})
            else:
                ET.SubElement(case, "system-out").text = (
                    f"{item.finding.severity.value.upper()}: {item.finding.message}")
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
