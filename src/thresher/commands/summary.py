"""The summary a run prints: documents in, kept, dropped by reason; characters removed by rule; time; speed."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from thresher.stats import Stats


def render_summary(stats: Stats, wall_seconds: float, console: Console, title: str = "thresher") -> None:
    s = stats
    docs = Table(title=f"{title}: documents", show_edge=False, header_style="bold")
    docs.add_column("documents")
    docs.add_column("count", justify="right")
    docs.add_column("share", justify="right")
    n = max(s.docs_in, 1)
    docs.add_row("in", f"{s.docs_in:,}", "")
    docs.add_row("[green]kept[/]", f"{s.docs_kept:,}", f"{s.docs_kept / n:.1%}")
    for reason, count in s.dropped_by_reason.most_common():
        docs.add_row(f"[red]dropped[/] {reason}", f"{count:,}", f"{count / n:.1%}")
    for reason, count in s.flagged.most_common():
        docs.add_row(f"[yellow]kept, flagged[/] {reason}", f"{count:,}", f"{count / n:.1%}")
    console.print(docs)
    if s.tokens_counted:
        console.print(
            f"tokens: {s.tokens_kept:,} kept of {s.tokens_counted:,} counted by the tokens step",
            highlight=False,
        )

    if s.duplicate_ids:
        console.print(
            f"duplicate ids: {s.duplicate_ids:,} document(s) had an id an earlier document of the job has; "
            "renamed <id>@<shard>:<row>, the id given kept as metadata.given_id",
            highlight=False, soft_wrap=True,
        )

    if s.chars_by_rule:
        rules = Table(title="characters removed by rule", show_edge=False, header_style="bold")
        rules.add_column("rule")
        rules.add_column("edits", justify="right")
        rules.add_column("chars removed", justify="right")
        for rule, chars in s.chars_by_rule.most_common():
            rules.add_row(rule, f"{s.edits_by_rule.get(rule, 0):,}", f"{chars:,}")
        console.print(rules)

    if s.skipped_records:
        console.print(_counts("input records skipped on purpose", "reason", s.skipped_records))

    if s.input_errors:
        console.print(_counts("bad input (counted, run went on)", "kind", s.input_errors))
        for line in s.error_samples[:5]:
            console.print(f"  [dim]{line}[/]", highlight=False)

    mb = s.bytes_in / 1e6
    cpu = max(s.seconds, 1e-9)
    console.print(
        f"{mb:,.2f} MB in {wall_seconds:,.2f} s wall ({mb / max(wall_seconds, 1e-9):,.2f} MB/s); "
        f"{cpu:,.2f} s CPU in workers = {mb / cpu:,.2f} MB/s per core",
        highlight=False,
        soft_wrap=True,
    )


def _counts(title: str, what: str, counts: Counter) -> Table:
    """A two-column table of ``counts``, most common first."""
    table = Table(title=title, show_edge=False, header_style="bold")
    table.add_column(what)
    table.add_column("count", justify="right")
    for key, count in counts.most_common():
        table.add_row(key, f"{count:,}")
    return table
