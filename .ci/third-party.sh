#!/usr/bin/env bash
# After `mvn -B verify`: every library a published module's CycloneDX SBOM names is listed in
# THIRD-PARTY.md, under a licence THIRD-PARTY.md accepts. Fails (exit 1) naming what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import glob, json, re, sys

doc = open("THIRD-PARTY.md", encoding="utf-8").read()
accepted_line = doc.split("Accepted licences (checked by `.ci/third-party.sh`):", 1)[1]
accepted = {a.strip().rstrip(".") for a in " ".join(accepted_line.split()).split(",")}
listed = set()
for row in re.findall(r"(?m)^\| `([^|]+)\|", doc):
    names = re.findall(r"`([^`]+)`", "`" + row)
    group = None
    for n in names:
        if ":" in n:
            group, artifact = n.split(":", 1)
        else:
            artifact = n
        listed.add(f"{group}:{artifact}")

sboms = sorted(glob.glob("privacy-*/target/*-cyclonedx.json"))
if not sboms:
    sys.exit("no SBOM under privacy-*/target: run mvn -B verify first")
problems = []
for sbom in sboms:
    for c in json.load(open(sbom, encoding="utf-8")).get("components", []):
        if c.get("group") == "fi.suoja":
            continue
        name = f"{c.get('group')}:{c['name']}"
        licences = [l["license"].get("id") or l["license"].get("name")
                    for l in c.get("licenses", []) if "license" in l]
        licences += [l["expression"] for l in c.get("licenses", []) if "expression" in l]
        if name not in listed:
            problems.append(f"{sbom}: {name} is not listed in THIRD-PARTY.md")
        if not licences or not any(l in accepted for l in licences):
            problems.append(f"{sbom}: {name} has licence {licences}, not accepted")
for p in sorted(set(problems)):
    print(p)
if problems:
    sys.exit(1)
print(f"third-party licences: {len(sboms)} SBOMs checked against THIRD-PARTY.md")
PY
