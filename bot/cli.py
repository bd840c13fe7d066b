"""The `inspectbot` command line: index, ask, sources, chat, run.

Heavy libraries (torch, sentence-transformers, faiss) are imported inside the commands so that
`inspectbot --help` is instant. Errors a user can meet print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError

from bot.answer import MAX_QUESTION_CHARS, Answer
from bot.settings import Settings, get_settings

if TYPE_CHECKING:
    from bot.engine.conversation import Conversation
    from index.builder import BuildReport
    from index.models import Document

Answerer = Callable[..., Answer]  # (question, conversation=None) -> Answer
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def make_answerer(settings: Settings) -> Answerer:
    """The one function every front end asks questions through: question -> Answer.

    Loads the embedding model and the current index version once (bot.live.LiveEngine), answers through
    the answer engine and follows index rebuilds. The per-language setting's second model loads when a
    question first needs its vector set, not before.
    """
    from bot.live import LiveEngine

    return LiveEngine(settings, preload=False).answer


class UserError(Exception):
    """A problem the user can fix; printed as one line."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


#: (module, class) of the index's and the model's user-facing errors, printed as one line.
_ONE_LINE_ERRORS = (
    ("index.store", "StoreError"),
    ("index.builder", "BuildError"),
    ("index.embedder", "EmbedderError"),
    ("index.meta.calendar", "CalendarError"),
)


def _one_line_errors() -> tuple[type[Exception], ...]:
    """The classes of ``_ONE_LINE_ERRORS`` whose modules are loaded: an error of a module never imported
    cannot have been raised, and importing index.builder only to name BuildError would cost `ask` a fifth
    of a CPU second of metadata-reading modules it never runs."""
    return tuple(getattr(sys.modules[m], name) for m, name in _ONE_LINE_ERRORS if m in sys.modules)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the index's and the model's user-facing errors into one line on stderr and an exit code."""
    try:
        yield
    except UserError as exc:
        click.echo(f"inspectbot: {exc}", err=True)
        sys.exit(exc.code)
    except Exception as exc:
        if not isinstance(exc, _one_line_errors()):
            raise
        click.echo(f"inspectbot: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("inspectbot: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)


def _settings(documents: Path | None = None, index: Path | None = None) -> Settings:
    """Settings from the environment and .env, with command-line flags taking precedence (an invalid
    setting: one line, exit status 1)."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        click.echo(f"inspectbot: invalid setting: {_problems(exc)}", err=True)
        sys.exit(EXIT_ERROR)
    flags = {"documents": documents, "index": index}
    updates = {name: value for name, value in flags.items() if value is not None}
    return settings.model_copy(update=updates) if updates else settings


def _problems(exc: ValidationError) -> str:
    """A settings validation's errors in one line ("INSPECTBOT_PRECISION: Input should be ...")."""
    parts = []
    for error in exc.errors():
        where = ".".join(map(str, error["loc"]))
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


class _LazyGroup(click.Group):
    """Imports `eval` (bot.evaluation: gold sets, reports) only when it is the command run, so that
    `ask` and the bot do not pay for it at start-up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "eval"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "eval":
            from bot.evaluation.command import eval_command

            return eval_command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Answer questions about China's central environmental inspections, citing the articles verbatim."""


def _documents_option(func: Callable) -> Callable:
    return click.option(
        "--documents", type=click.Path(path_type=Path), help="Articles directory (INSPECTBOT_DOCUMENTS)."
    )(func)


def _index_option(func: Callable) -> Callable:
    return click.option(
        "--index", "index_dir", type=click.Path(path_type=Path), help="Index directory (INSPECTBOT_INDEX)."
    )(func)


@cli.command("index")
@_documents_option
@_index_option
@click.option("--rebuild", is_flag=True, help="Re-embed everything instead of only new or changed articles.")
def index_command(documents: Path | None, index_dir: Path | None, rebuild: bool) -> None:
    """Build or update the index from the articles directory (exit status 1 if a file failed)."""
    settings = _settings(documents, index_dir)
    with _user_errors():
        report = _build(settings, rebuild=rebuild)
    _print_report(report, settings)
    if report.failed:
        sys.exit(EXIT_ERROR)


def _build(settings: Settings, *, rebuild: bool) -> BuildReport:
    from index.builder import build_index
    from index.embedder import make_embedder

    try:
        return build_index(
            settings.documents,
            settings.index,
            make_embedder(settings.model, settings.precision),
            rebuild=rebuild,
            progress=sys.stderr.isatty(),
            max_bytes=settings.max_file_bytes,
        )
    except KeyboardInterrupt:
        raise UserError("interrupted; the previous index is unchanged", EXIT_INTERRUPTED) from None


def _print_report(report: BuildReport, settings: Settings) -> None:
    total = len(report.added) + len(report.updated) + len(report.unchanged) + len(report.redescribed)
    redescribed = f", {len(report.redescribed)} re-described" if report.redescribed else ""
    click.echo(
        f"{total} documents in {settings.index}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged{redescribed}; "
        f"{report.embedded_chunks} chunks embedded in {report.seconds:.1f} s"
        + ("" if report.wrote_version else " (nothing changed)")
    )
    for entry in report.learned:
        click.echo(f"learned {entry.label()} from {entry.learned_from}")
    for path, reason in report.failed:
        click.echo(f"failed: {path}: {reason}", err=True)


@cli.command()
@click.argument("question", required=False)
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True, help="Questions from stdin, one per line; one JSON answer per line.")
def ask(question: str | None, index_dir: Path | None, as_json: bool, jsonl: bool) -> None:
    """Answer QUESTION (or, with --jsonl, every line of stdin) from the indexed articles."""
    settings = _settings(index=index_dir)
    with _user_errors():
        if jsonl:
            if question:
                raise UserError("give either QUESTION or --jsonl, not both", EXIT_USAGE)
            answerer = make_answerer(settings)
            conversations: dict[str, Conversation] = {}
            for raw in click.get_binary_stream("stdin"):
                line = decode_question(raw.rstrip(b"\r\n"))
                click.echo(json_line(_answer_line(answerer, line, conversations)))
            return
        question = decode_question(question or "").strip()
        if not question:
            raise UserError(
                'the question is empty; try `inspectbot ask "How many cases were filed?"`', EXIT_USAGE
            )
        if len(question) > MAX_QUESTION_CHARS:
            raise UserError(too_long(question), EXIT_USAGE)
        answer = make_answerer(settings)(question)
    click.echo(answer.model_dump_json(indent=2) if as_json else format_answer(answer))


def decode_question(raw: bytes | str) -> str:
    """A question as text, whatever its bytes: invalid UTF-8 (on stdin, or in an argument, which Python
    hands over with surrogate escapes) becomes U+FFFD replacement characters."""
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that escapes no byte
            raw = raw.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8-sig", "replace")


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(answer: Answer) -> str:
    """The answer JSON on one line, also for readers that split lines at U+2028, U+2029 or NEL (JSON
    escapes of those characters; the other line breaks are escaped by JSON itself)."""
    line = answer.model_dump_json()
    for char, escape in _LINE_BREAKS.items():
        line = line.replace(char, escape)
    return line


def too_long(question: str) -> str:
    """The one-line refusal of a question over MAX_QUESTION_CHARS (the same limit as Telegram's)."""
    return (
        f"the question has {len(question):,} characters; the limit is {MAX_QUESTION_CHARS:,} "
        "(ask about one thing at a time)"
    )


def _answer_line(answerer: Answerer, line: str, conversations: dict[str, Conversation]) -> Answer:
    """The answer to one line of ``ask --jsonl``: every line gets one, a blank or overlong one a refusal.
    A JSON object line ``{"question": ..., "conversation": ...}`` is a turn of that conversation, answered in
    its context (the lines of one conversation in order); a plain line stands alone."""
    question, conversation, problem = jsonl_question(line)
    if problem is None and len(question) > MAX_QUESTION_CHARS:
        problem = too_long(question)
    if problem is not None:
        return Answer(
            question=question[:MAX_QUESTION_CHARS],
            answered=False,
            answer=problem,
            citations=[],
            latency_ms=0.0,
        )
    if conversation is None:
        return answerer(question)
    from bot.engine.conversation import Conversation

    return answerer(question, conversations.setdefault(conversation, Conversation()))


def jsonl_question(line: str) -> tuple[str, str | None, str | None]:
    """The question of one ``ask --jsonl`` line, its conversation id (None: standalone) and the problem
    with the line, if any. A line that is not a JSON object is the question itself."""
    question = line.strip()
    if not question.startswith("{"):
        return question, None, None
    try:
        turn = json.loads(question)
    except ValueError:  # a question that happens to start with "{"
        return question, None, None
    if not isinstance(turn, dict) or not isinstance(turn.get("question"), str):
        return question, None, 'a JSON line needs a "question" string (and optionally a "conversation" id)'
    conversation = turn.get("conversation")
    if conversation is not None and not isinstance(conversation, str | int):
        return turn["question"].strip(), None, 'the "conversation" id must be a string'
    return turn["question"].strip(), None if conversation is None else str(conversation), None


def format_answer(answer: Answer) -> str:
    """An answer with its numbered verbatim citations, for a terminal."""
    lines = [answer.answer]
    for citation in answer.citations:
        where = ", ".join(part for part in (citation.source, citation.date) if part)
        lines.append(
            f"[{citation.n}] {citation.title}{f' ({where})' if where else ''}, "
            f'chars {citation.start}-{citation.end}:\n    "{citation.quote}"'
        )
    return "\n".join(lines)


@cli.command()
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article.")
@click.option("--why", is_flag=True, help="Also show the evidence behind each article's inspection.")
def sources(index_dir: Path | None, as_json: bool, why: bool) -> None:
    """List the indexed articles with their metadata."""
    from index.store import open_index

    settings = _settings(index=index_dir)
    with _user_errors():
        version = open_index(settings.index)
    for doc in version.documents_by_date():
        if as_json:
            click.echo(doc.model_dump_json(include={"doc_id", "path", "meta"}))
        else:
            click.echo(format_source(doc))
            if why:
                from index.meta.inspection import format_evidence

                for line in format_evidence(doc.meta.scope, doc.meta.scope_evidence):
                    click.echo(f"      {line}")


@cli.command("facts")
@_index_option
@click.option("--metric", help="Only this metric (e.g. punishment, detained, fine).")
@click.option("--round", "round_", type=int, help="Only this round.")
@click.option("--batch", type=int, help="Only this batch.")
@click.option("--place", help="Only this province or enterprise ('whole' for whole inspections).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per row.")
def facts_command(
    index_dir: Path | None,
    metric: str | None,
    round_: int | None,
    batch: int | None,
    place: str | None,
    as_csv: bool,
    as_json: bool,
) -> None:
    """Print the facts table: every figure of the indexed articles, with inspection, place and metric."""
    from bot import facts_view
    from index.facts.table import select
    from index.store import open_index

    settings = _settings(index=index_dir)
    with _user_errors():
        version = open_index(settings.index)
    rows = list(select(version.facts, metric=metric, round_=round_, batch=batch, place=place))
    if as_json:
        click.echo(facts_view.as_json_lines(rows), nl=False)
    elif as_csv:
        click.echo(facts_view.as_csv(rows), nl=False)
    else:
        click.echo(facts_view.as_table(rows, shutil.get_terminal_size((160, 24)).columns), nl=False)


def format_source(doc: Document) -> str:
    """One article's metadata as a few indented lines."""
    meta = doc.meta
    lines = [f"{doc.doc_id}  ({doc.path})", f"    title: {meta.title}"]
    fields = [
        ("outlet", meta.source),
        ("date", meta.date.isoformat() if meta.date else None),
        ("inspection", meta.scope.label()),
        ("provinces", ", ".join(meta.provinces)),
        ("enterprises", ", ".join(meta.enterprises)),
        ("figures as of", meta.as_of),
        ("url", meta.url),
    ]
    lines.extend(f"    {name}: {value}" for name, value in fields if value)
    return "\n".join(lines)


@cli.command()
@_index_option
def chat(index_dir: Path | None) -> None:
    """Ask questions in the terminal (Ctrl-D or "quit" to leave)."""
    settings = _settings(index=index_dir)
    with _user_errors():
        _chat(make_answerer(settings))


def _chat(answerer: Answerer) -> None:
    from bot.engine.conversation import Conversation

    click.echo('Ask about the inspections; follow-ups are read in context ("/new" starts afresh).')
    click.echo('Ctrl-D or "quit" to leave.')
    conversation = Conversation()
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if question.lower() in {"quit", "exit"}:
            return
        if question.lower() == "/new":
            conversation.clear()
            click.echo("New conversation: earlier questions no longer carry over.\n")
        elif len(question) > MAX_QUESTION_CHARS:
            click.echo(f"inspectbot: {too_long(question)}\n")
        elif question:
            click.echo(format_answer(answerer(decode_question(question), conversation)) + "\n")


@cli.command()
@_documents_option
@_index_option
def run(documents: Path | None, index_dir: Path | None) -> None:
    """Update the index, then start the Telegram bot (TELEGRAM_BOT_TOKEN set) or the terminal chat."""
    settings = _settings(documents, index_dir)
    with _user_errors():
        report = _build(settings, rebuild=False)
    _print_report(report, settings)
    if settings.telegram_bot_token is not None:
        _run_telegram(settings)
    with _user_errors():
        _chat(make_answerer(settings))


@cli.command("chart")
@click.argument("question")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="PNG file to write.",
)
@_index_option
def chart_command(question: str, output: Path, index_dir: Path | None) -> None:
    """Answer QUESTION and draw its cited figures across inspections as a PNG bar chart (exit status 1 when
    the answer has no figures across several inspections)."""
    settings = _settings(index=index_dir)
    with _user_errors():
        question = decode_question(question).strip()
        if not question:
            raise UserError(
                'the question is empty; try `inspectbot chart "How many cases were filed in round 3?"`',
                EXIT_USAGE,
            )
        if len(question) > MAX_QUESTION_CHARS:
            raise UserError(too_long(question), EXIT_USAGE)
        answer = make_answerer(settings)(question)
        click.echo(format_answer(answer))
        if not answer.chart:
            raise UserError("no chart: the answer does not give one figure for each of several inspections")
        from bot.chart import chart_title, render_png

        try:
            output.write_bytes(render_png(answer.chart))
        except OSError as exc:
            raise UserError(f"cannot write the chart to {output}: {exc.strerror or exc}") from None
    bars = ", ".join(f"{point.label} [{point.n}] {point.shown}" for point in answer.chart)
    click.echo(f"chart: {output} ({chart_title(answer.chart)}: {bars})")


@cli.command("bot")
@_index_option
def bot_command(index_dir: Path | None) -> None:
    """Run the Telegram bot (TELEGRAM_BOT_TOKEN; long polling, or a webhook when WEBHOOK_URL is set)."""
    _run_telegram(_settings(index=index_dir))


def _run_telegram(settings: Settings) -> None:
    from bot.telegram.app import run_bot

    with _user_errors():
        code = run_bot(settings)
    sys.exit(code)


def main() -> None:
    """Console-script entry point: regular expressions compiled from the cache (bot/regex_cache.py)."""
    from bot.regex_cache import cache_file, install
    from index.onnx_embedder import cache_root

    install(cache_file(cache_root()))
    cli(prog_name="inspectbot")
