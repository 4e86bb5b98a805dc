"""The code keeps its shape: no module over 400 lines (it becomes a package), no function over
60 lines, unless the line just above the function (and its decorators) says why:
`# long: <reason>`. Migrations are generated, so they are left out."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rankfile"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# long: "

Function = ast.FunctionDef | ast.AsyncFunctionDef


def modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.relative_to(PACKAGE).parts:
            yield path


def where(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def function_length(function: Function) -> int:
    assert function.end_lineno is not None
    return function.end_lineno - function.lineno + 1


def is_excused(function: Function, lines: list[str]) -> bool:
    first = min([function.lineno, *(decorator.lineno for decorator in function.decorator_list)])
    above = lines[first - 2].strip() if first >= 2 else ""
    return above.startswith(REASON) and bool(above.removeprefix(REASON).strip())


def long_functions(source: str, *, name: str) -> Iterator[str]:
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source, filename=name)):
        if (
            isinstance(node, Function)
            and function_length(node) > MAX_FUNCTION_LINES
            and not is_excused(node, lines)
        ):
            yield f"{name}:{node.lineno} {node.name}: {function_length(node)} lines"


def a_function(name: str, *, length: int, above: str = "") -> str:
    """Source of a decorated function of `length` lines, `above` on the line over it."""
    body = "".join(f"    x{n} = {n}\n" for n in range(length - 1))
    return f"{above}@decorator\nasync def {name}():\n{body}\n"


def test_it_measures_functions_and_methods_and_takes_a_reason_only_just_above_them() -> None:
    source = (
        a_function("short", length=60)
        + a_function("long", length=61)
        + a_function("excused", length=80, above="# long: one table, read top to bottom\n")
        + a_function("no_reason", length=61, above="# long:\n")
        + "class Page:\n"
        + textwrap.indent(a_function("method", length=62), "    ")
    )
    assert [offender.split(" ", 1)[1] for offender in long_functions(source, name="m.py")] == [
        "long: 61 lines",
        "no_reason: 61 lines",
        "method: 62 lines",
    ]


def test_it_finds_the_modules_and_functions_it_measures() -> None:
    paths = list(modules())
    assert PACKAGE / "settings.py" in paths
    assert not any("migrations" in path.parts for path in paths)


def test_it_has_no_module_over_400_lines() -> None:
    offenders = [
        f"{where(path)}: {count} lines"
        for path in modules()
        if (count := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert not offenders, "Modules over 400 lines (make each a package):\n" + "\n".join(offenders)


def test_it_has_no_function_over_60_lines_without_a_reason() -> None:
    offenders = [
        offender
        for path in modules()
        for offender in long_functions(path.read_text(), name=where(path))
    ]
    assert not offenders, (
        "Functions over 60 lines (split them, or say why just above: `# long: <reason>`):\n"
        + "\n".join(offenders)
    )
