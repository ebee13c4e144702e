"""Many rows in one statement whose text never changes: each column's values go as one array
parameter, unnested into the rows (``INSERT … SELECT FROM unnest(…)``). The statement is built
once, so SQLAlchemy keeps its compiled form and asyncpg its prepared statement, for a batch of
any size; the driver encodes each array in one go. A list of rows sent as many parameter sets
instead costs SQLAlchemy's processing of every row's every value, and PostgreSQL one execution
per row (or a new statement per batch size, for a multi-row ``VALUES``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ARRAY, Table, bindparam, func, select
from sqlalchemy.dialects.postgresql import Insert, insert


def insert_rows(table: Table, columns: Sequence[str]) -> Insert:
    """``INSERT INTO table (columns) SELECT … FROM unnest(…)``, its values from
    ``row_values(rows, columns)``; add ``on_conflict_do_nothing()``, ``returning()`` as
    needed, once, where the statement is defined."""
    rows = (
        func.unnest(
            *(bindparam(f"rows_{name}", type_=ARRAY(table.c[name].type)) for name in columns)
        )
        .table_valued(*columns)
        .render_derived()
    )
    return insert(table).from_select(list(columns), select(*(rows.c[name] for name in columns)))


def row_values(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> dict[str, list[Any]]:
    """The parameters of an ``insert_rows`` statement for these rows (mappings by column)."""
    return column_values({name: [row[name] for row in rows] for name in columns})


def column_values(columns: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """The parameters of an ``insert_rows`` statement from each column's values, in row
    order."""
    return {f"rows_{name}": values for name, values in columns.items()}
