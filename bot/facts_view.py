"""The facts table for people: `inspectbot facts` prints it as a terminal table (rich), CSV or JSON lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from index.facts.table import Fact

COLUMNS = (
    "inspection",
    "place",
    "metric",
    "value",
    "unit",
    "qualifier",
    "phrase",
    "as_of",
    "published",
    "doc_id",
    "start",
    "end",
)


def _cells(row: Fact) -> dict[str, str]:
    value = f"{row.value:,.0f}" if float(row.value).is_integer() else f"{row.value:,}"
    return {
        "inspection": row.inspection or row.scope.label(),
        "place": row.place or "",
        "metric": row.metric,
        "value": value,
        "unit": row.unit,
        "qualifier": row.qualifier or "",
        "phrase": row.phrase,
        "as_of": row.as_of or "",
        "published": row.published.isoformat() if row.published else "",
        "doc_id": row.doc_id,
        "start": str(row.start),
        "end": str(row.end),
    }


def as_csv(rows: Iterable[Fact]) -> str:
    """The rows as CSV with a header line (values unformatted)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = _cells(row)
        cells["value"] = f"{row.value:g}" if row.value < 1e15 else str(row.value)
        writer.writerow(cells)
    return out.getvalue()


def as_json_lines(rows: Iterable[Fact]) -> str:
    """The rows as JSON, one object a line."""
    return "".join(row.model_dump_json() + "\n" for row in rows)


def as_table(rows: list[Fact], width: int | None = None) -> str:
    """The rows as a terminal table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} facts", show_lines=False)
    for column in ("inspection", "place", "metric", "value", "unit", "phrase", "as_of", "doc_id", "start"):
        table.add_column(column, justify="right" if column in ("value", "start") else "left", overflow="fold")
    for row in rows:
        cells = _cells(row)
        table.add_row(
            *(
                cells[c]
                for c in (
                    "inspection",
                    "place",
                    "metric",
                    "value",
                    "unit",
                    "phrase",
                    "as_of",
                    "doc_id",
                    "start",
                )
            )
        )
    console = Console(file=io.StringIO(), width=width or 160, color_system=None)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]
