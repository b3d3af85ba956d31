"""`make audit-deps` fails loudly when pip-audit could not check the dependencies."""

import json

import pytest

from ops import audit_deps

NOT_FOUND = "Dependency not found on PyPI and could not be audited"
UNREACHABLE = {
    "dependencies": [
        {"name": "django", "skip_reason": f"{NOT_FOUND}: django (5.2)"},
        {"name": "segno", "skip_reason": f"{NOT_FOUND}: segno (1.6)"},
    ],
    "fixes": [],
}
CLEAN = {
    "dependencies": [
        {"name": "django", "version": "5.2", "vulns": []},
        {"name": "improvement-tracker", "skip_reason": "distribution marked as editable"},
    ],
    "fixes": [],
}
VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2",
            "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.1"], "description": "x"}],
        },
        {"name": "segno", "skip_reason": f"{NOT_FOUND}: segno (1.6)"},
    ],
    "fixes": [],
}


def run(monkeypatch, capsys, report=None, *, returncode=0, stderr=""):
    stdout = json.dumps(report) if report is not None else ""
    monkeypatch.setattr(audit_deps, "run_pip_audit", lambda: (returncode, stdout, stderr))
    status = audit_deps.main()
    return status, capsys.readouterr().out


def test_no_database_reachable_is_not_audited_and_fails(monkeypatch, capsys):
    monkeypatch.delenv("AUDIT_ALLOW_NOT_AUDITED", raising=False)
    status, out = run(monkeypatch, capsys, UNREACHABLE)
    assert status == audit_deps.NOT_AUDITED
    assert "NOT AUDITED: 2 package(s) could not be checked, 0 were." in out
    assert "No known vulnerabilities" not in out


def test_pip_audit_crashing_is_not_audited(monkeypatch, capsys):
    monkeypatch.delenv("AUDIT_ALLOW_NOT_AUDITED", raising=False)
    status, out = run(monkeypatch, capsys, returncode=1, stderr="ConnectionError: osv.dev")
    assert status == audit_deps.NOT_AUDITED
    assert "pip-audit failed (exit 1)" in out and "ConnectionError" in out


def test_ci_may_allow_not_audited_with_a_warning(monkeypatch, capsys):
    monkeypatch.setenv("AUDIT_ALLOW_NOT_AUDITED", "1")
    status, out = run(monkeypatch, capsys, UNREACHABLE)
    assert status == 0
    assert "NOT AUDITED" in out and "WARNING: dependencies not audited" in out


@pytest.mark.parametrize("allow", ["0", "1"])
def test_a_known_vulnerability_always_fails(monkeypatch, capsys, allow):
    monkeypatch.setenv("AUDIT_ALLOW_NOT_AUDITED", allow)
    status, out = run(monkeypatch, capsys, VULNERABLE)
    assert status == audit_deps.VULNERABLE
    assert "django 5.2: PYSEC-2099-1 (fixed in 5.2.1)" in out
    assert "NOT AUDITED: 1 package(s)" in out


def test_every_package_audited_and_clean_passes(monkeypatch, capsys):
    status, out = run(monkeypatch, capsys, CLEAN)
    assert (status, out.strip()) == (0, "All 1 packages audited: no known vulnerabilities.")
