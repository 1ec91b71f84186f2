"""`tamis check`: one comment, or a JSONL file, through the engine."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from tamis.types import Comment, Verdict


def _verdict_doc(verdict: Verdict, row_id: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if row_id is not None:
        doc["id"] = row_id
    doc.update({
        "verdict": "spam" if verdict.spam else "ham",
        "discard": verdict.discard,
        "score": round(verdict.score, 4),
        "reasons": [{"name": h.name, "weight": round(h.weight, 3), "evidence": h.evidence}
                    for h in sorted(verdict.hits, key=lambda h: -abs(h.weight))],
        "model_version": verdict.model_version,
    })
    if verdict.skipped:
        doc["skipped"] = list(verdict.skipped)
    return doc


def _read_jsonl(path: str) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"line {n}: not JSON ({exc.msg})"
                continue
            if not isinstance(row, dict):
                yield n, None, f"line {n}: expected a JSON object"
                continue
            yield n, row, ""


@click.command()
@click.option("--content", help="comment_content")
@click.option("--author", help="comment_author")
@click.option("--email", help="comment_author_email")
@click.option("--url", help="comment_author_url")
@click.option("--ip", help="user_ip")
@click.option("--type", "comment_type", help="comment_type (comment, forum-post, contact-form, ...)")
@click.option("--field", "extra", multiple=True, metavar="NAME=VALUE", help="Any other Akismet field; repeatable.")
@click.option("--json", "json_input", metavar="JSON", help="The comment as a JSON object of Akismet fields.")
@click.option("--file", "jsonl", type=click.Path(allow_dash=True), help="A JSON Lines file (or - for stdin): one "
              "comment per line; prints one JSON verdict per line and, if rows carry `label`, a summary.")
@click.option("--explain/--brief", default=True, help="Show every reason (default) or only the verdict line.")
@click.pass_context
def check(ctx: click.Context, content: str | None, author: str | None, email: str | None, url: str | None,
          ip: str | None, comment_type: str | None, extra: tuple[str, ...], json_input: str | None,
          jsonl: str | None, explain: bool) -> None:
    """Check one comment (from flags or --json) or a JSONL file, and print verdict, score and reasons.

    Runs the engine in process, without the server or the database.

    Example: tamis check --content "Earn $500 a day from home: bit.ly/x" --author "Cheap Loans"
    """
    from tamis.cli import _engine, _settings

    engine = _engine(_settings(ctx))
    if jsonl:
        _check_file(engine, jsonl)
        return
    data: dict[str, Any] = {}
    if json_input:
        try:
            data = json.loads(json_input)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"not JSON: {exc.msg}", param_hint="--json") from None
        if not isinstance(data, dict):
            raise click.BadParameter("expected a JSON object", param_hint="--json")
    for name, value in (("comment_content", content), ("comment_author", author), ("comment_author_email", email),
                        ("comment_author_url", url), ("user_ip", ip), ("comment_type", comment_type)):
        if value is not None:
            data[name] = value
    for item in extra:
        name, eq, value = item.partition("=")
        if not eq:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--field")
        data[name] = value
    if not data:
        raise click.UsageError("nothing to check: give --content (and other flags), --json or --file")
    verdict = engine.check(Comment.from_dict(data))
    label = "SPAM" if verdict.spam else "ham"
    if verdict.discard:
        label += " (discard)"
    click.echo(f"{label}  score={verdict.score:.4f}  model={verdict.model_version}")
    if explain:
        for h in sorted(verdict.hits, key=lambda h: -abs(h.weight)):
            click.echo(f"  {h.weight:+7.3f}  {h.name}" + (f"  {h.evidence}" if h.evidence else ""))


def _check_file(engine: Any, path: str) -> None:
    counts = {"tp": 0, "fp": 0, "tn": 0, "fn": 0}
    bad = 0
    for _n, row, error in _read_jsonl(path):
        if row is None:
            click.echo(json.dumps({"error": error}))
            bad += 1
            continue
        verdict = engine.check(Comment.from_dict({k: v for k, v in row.items() if k not in ("id", "label")}))
        click.echo(json.dumps(_verdict_doc(verdict, row.get("id")), ensure_ascii=False))
        label = row.get("label")
        if label in ("spam", "ham"):
            key = ("t" if verdict.spam == (label == "spam") else "f") + ("p" if verdict.spam else "n")
            counts[key] += 1
    if sum(counts.values()):
        spam = counts["tp"] + counts["fn"]
        ham = counts["tn"] + counts["fp"]
        recall = counts["tp"] / spam if spam else float("nan")
        fpr = counts["fp"] / ham if ham else float("nan")
        click.echo(f"{sum(counts.values())} labelled rows: spam recall {recall:.4f} ({counts['tp']}/{spam}), "
                   f"false-positive rate {fpr:.4f} ({counts['fp']}/{ham})", err=True)
    if bad:
        click.echo(f"{bad} line(s) skipped as unreadable", err=True)
