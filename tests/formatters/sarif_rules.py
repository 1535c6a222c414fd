"""GitHub code scanning's ingestion rules that can be checked without GitHub, in Python.

The rules the SARIF multitool applies with ``--rule-kind "Sarif;Gh"`` at error level: every
result has a location with an artifact URI and a region with startLine (GH1001, GH1003, GH1017),
URIs are relative references or file URIs (GH1005) and absolute ones come with the checkout path
(GH1006), messages carry text (GH1007), rule descriptors have shortDescription, fullDescription
and help text (GH2012), relative references do not begin with a slash and base ids are absolute
with a trailing slash (SARIF1004), rule ids and indexes agree (SARIF1009, SARIF1010).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def problems(log: dict) -> list[str]:
    out = []
    if log.get("version") != "2.1.0" or "sarif-schema-2.1.0" not in log.get("$schema", ""):
        out.append("GH1013: $schema/version")
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            uri = base.get("uri", "")
            if not urlsplit(uri).scheme or not uri.endswith("/"):
                out.append(f"SARIF1004: base {name} {uri}")
        checkout = any(inv.get("workingDirectory", {}).get("uri") for inv in run.get("invocations", []))
        for i, rule in enumerate(rules):
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text"):
                    out.append(f"GH2012: rules[{i}] {key}")
            if not rule.get("help", {}).get("text"):
                out.append(f"GH2012: rules[{i}] help")
            if rule.get("name") == rule["id"]:
                out.append(f"SARIF1001: rules[{i}] name == id")
        for j, res in enumerate(run["results"]):
            where = f"results[{j}]"
            if not res.get("message", {}).get("text"):
                out.append(f"GH1007: {where}")
            if "ruleIndex" in res and (res["ruleIndex"] >= len(rules) or rules[res["ruleIndex"]]["id"] != res["ruleId"]):
                out.append(f"SARIF1010: {where}")
            if "partialFingerprints" not in res:
                out.append(f"GH1015: {where} partialFingerprints")
            locations = res.get("locations") or []
            if not locations:
                out.append(f"GH1001: {where} locations")
            for loc in locations:
                physical = loc.get("physicalLocation", {})
                artifact = physical.get("artifactLocation", {})
                uri = artifact.get("uri")
                if not uri:
                    out.append(f"GH1001: {where} uri")
                    continue
                scheme = urlsplit(uri).scheme
                if scheme and scheme != "file":
                    out.append(f"GH1005: {where} {uri}")
                if scheme == "file" and not checkout:
                    out.append(f"GH1006: {where} {uri}")
                if not scheme and uri.startswith("/"):
                    out.append(f"SARIF1004: {where} {uri}")
                if artifact.get("uriBaseId") and (scheme or artifact["uriBaseId"] not in bases):
                    out.append(f"SARIF1004: {where} uriBaseId")
                if not physical.get("region", {}).get("startLine"):
                    out.append(f"GH1003: {where} region")
    return out
