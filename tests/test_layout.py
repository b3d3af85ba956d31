"""Code stays small enough to read: a product module over 400 lines becomes a package, and
a function over 60 lines is broken up.

STYLE.md: "Turn a module into a package when it passes about 400 lines". Migrations are
generated, and the demo content is data, so neither counts.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "accounts",
    "audit",
    "config",
    "core",
    "devtools",
    "improvement",
    "inspections",
    "recommendations",
    "registers",
)
MAX_LINES = 400
MAX_FUNCTION_LINES = 60
NOT_CODE = {"devtools/demo/content.py"}  # the demo's words, not logic


def product_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" not in path.parts and relative not in NOT_CODE:
                yield relative, path


def test_every_package_is_scanned():
    assert {relative.split("/")[0] for relative, _ in product_modules()} == set(PACKAGES)


def test_no_product_module_is_over_400_lines():
    too_long = {
        relative: lines
        for relative, path in product_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not too_long, (
        f"Split these modules by reason to change (at most {MAX_LINES} lines each): {too_long}"
    )


def test_no_product_function_is_over_60_lines():
    too_long = {
        f"{relative}:{node.name}": node.end_lineno - node.lineno + 1
        for relative, path in product_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    }
    assert not too_long, f"Break these up (at most {MAX_FUNCTION_LINES} lines each): {too_long}"
