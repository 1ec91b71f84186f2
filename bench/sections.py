"""docs/benchmarks.md is shared by several benchmarks: each owns the text between `<!-- NAME:begin -->` and
`<!-- NAME:end -->` and rewrites only that."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def replace_section(page: str, name: str, body: str) -> str:
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    block = f"{begin}\n{body.strip(chr(10))}\n{end}"
    if not pattern.search(page):
        return page.rstrip() + f"\n\n{block}\n"
    return pattern.sub(lambda _: block, page, count=1)


def write_section(name: str, body: str, doc: Path = DOC) -> None:
    page = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    doc.write_text(replace_section(page, name, body), encoding="utf-8")
