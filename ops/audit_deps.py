"""Audit the installed dependencies with pip-audit, and say plainly what was not audited.

Usage: python ops/audit_deps.py        (make audit-deps)

pip-audit prints "No known vulnerabilities found" even when it could reach no
vulnerability database and checked nothing (it lists each package as "could not be
audited" and exits 0). This script reads its JSON report instead and exits:

  0  every package was audited and none has a known vulnerability
  1  a package has a known vulnerability (listed)
  2  NOT AUDITED: pip-audit failed, or some packages could not be checked

With AUDIT_ALLOW_NOT_AUDITED=1 the "not audited" case prints the same warning but exits 0
(CI sets it, because its machines cannot reach a database); a known vulnerability still
exits 1.
"""

import json
import os
import subprocess
import sys

CLEAN, VULNERABLE, NOT_AUDITED = 0, 1, 2
PIP_AUDIT = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off"]


def verdict(report: dict) -> tuple[int, list[str]]:
    """The exit status and the lines to print for pip-audit's JSON report."""
    # --skip-editable leaves out the project itself, which is not a dependency.
    listed = report.get("dependencies", [])
    dependencies = [dep for dep in listed if "editable" not in dep.get("skip_reason", "")]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    lines = [_vulnerability_line(dep) for dep in vulnerable]
    if vulnerable:
        lines.insert(0, f"KNOWN VULNERABILITIES in {len(vulnerable)} package(s):")
        return VULNERABLE, lines + _not_audited_lines(skipped, audited)
    if skipped or not dependencies:
        return NOT_AUDITED, _not_audited_lines(skipped, audited)
    return CLEAN, [f"All {audited} packages audited: no known vulnerabilities."]


def _vulnerability_line(dep: dict) -> str:
    ids = ", ".join(vuln["id"] for vuln in dep["vulns"])
    fixes = sorted({fix for vuln in dep["vulns"] for fix in vuln.get("fix_versions") or []})
    fixed_in = f" (fixed in {', '.join(fixes)})" if fixes else ""
    return f"  {dep['name']} {dep.get('version', '')}: {ids}{fixed_in}"


def _not_audited_lines(skipped: list[dict], audited: int) -> list[str]:
    if not skipped and audited:
        return []
    reasons = sorted({dep["skip_reason"].split(":")[0] for dep in skipped}) or ["no packages"]
    return [
        f"NOT AUDITED: {len(skipped)} package(s) could not be checked, {audited} were.",
        f"  pip-audit said: {'; '.join(reasons)}.",
        "  Most likely no vulnerability database (PyPI's JSON API or OSV) is reachable from",
        "  this machine. Run `make audit-deps` where one is before each release.",
    ]


def run_pip_audit() -> tuple[int, str, str]:
    result = subprocess.run(  # noqa: S603 (a fixed command)
        [*PIP_AUDIT, "--format", "json"], capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout, result.stderr


def main() -> int:
    returncode, stdout, stderr = run_pip_audit()
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        print(f"NOT AUDITED: pip-audit failed (exit {returncode}):\n{stderr.strip()}")
        status = NOT_AUDITED
    else:
        status, lines = verdict(report)
        print("\n".join(lines))
    if status == NOT_AUDITED and os.environ.get("AUDIT_ALLOW_NOT_AUDITED") == "1":
        print("WARNING: dependencies not audited; allowed here by AUDIT_ALLOW_NOT_AUDITED=1.")
        return CLEAN
    return status


if __name__ == "__main__":
    sys.exit(main())
