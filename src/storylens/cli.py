"""The command line: a thin layer over the library.

Each command parses its options, builds `Settings`, calls one library function and turns
user errors into one line on stderr (file and reason), never a traceback.
Exit codes: 0 all inputs landed; 1 some inputs were skipped (the rest landed); 2 the run failed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from storylens.errors import InputError, StorylensError
from storylens.settings import Settings, describe

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Raw news articles in, stories with cross-source briefs out.")
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="SQLite database file [default: ./storylens.db].")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="TOML file of settings (see `storylens settings`).")]


def load_settings(config: Path | None, **overrides: object) -> Settings:
    try:
        settings = Settings.from_file(config) if config else Settings()
        return settings.with_overrides(**overrides)
    except (OSError, ValueError, TypeError) as error:  # tomllib.TOMLDecodeError is a ValueError
        fail(f"{config}: bad settings ({error})" if config else f"bad settings ({error})")
        raise  # unreachable: fail() exits


def report_error(error: InputError) -> None:
    err.print(f"storylens: skipped {error}", markup=False)


def fail(message: str) -> None:
    err.print(f"storylens: error: {message}", markup=False)
    raise typer.Exit(2)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or glob patterns.")],
    db: DbOption = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write every story and article as JSON here.")] = None,
    html_path: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML report here.")] = None,
    config: ConfigOption = None,
    n_process: Annotated[Optional[int], typer.Option(help="NLP worker processes.")] = None,
    spacy_model: Annotated[Optional[str], typer.Option(help="Installed spaCy pipeline.")] = None,
    max_file_bytes: Annotated[Optional[int], typer.Option(help="Skip files larger than this.")] = None,
    progress: Annotated[bool, typer.Option(help="Show progress bars.")] = True,
    timings: Annotated[Optional[Path], typer.Option("--timings", help="Write seconds spent per stage as JSON here.")] = None,
) -> None:
    """Analyse articles into stories and store them; optionally write JSON and HTML."""
    from storylens.pipeline import run
    from storylens.store import Store

    settings = load_settings(config, db=db, n_process=n_process, spacy_model=spacy_model, max_file_bytes=max_file_bytes)
    store = open_store(settings)
    try:
        result = run(paths, settings, store, progress=progress and sys.stderr.isatty(), on_error=report_error)
        if json_path or html_path:
            write_outputs(store, json_path, html_path)
        print_story_list(store, highlight=set(result.stories))
        if timings:
            atomic_write(timings, json.dumps(result.seconds, indent=2))
    finally:
        store.close()
    new = len(result.added) - len(result.duplicates)
    err.print(
        f"{new} new articles, {len(result.duplicates)} copies folded, {result.known} already known, "
        f"{len(result.skipped)} skipped; {len(result.stories)} stories updated",
        markup=False,
    )
    if result.skipped:
        raise typer.Exit(2 if not result.added and not result.known else 1)


@app.command()
def stories(db: DbOption = None, config: ConfigOption = None) -> None:
    """List the stories in the database."""
    store = open_store(load_settings(config, db=db), must_exist=True)
    try:
        print_story_list(store)
    finally:
        store.close()


@app.command()
def show(story_id: Annotated[str, typer.Argument(help="Story id (a unique prefix is enough).")], db: DbOption = None, config: ConfigOption = None) -> None:
    """Show one story's brief in the terminal."""
    from storylens.terminal import render_story

    store = open_store(load_settings(config, db=db), must_exist=True)
    try:
        story = store.story(story_id)
        if story is None:
            fail(f"no story {story_id!r} in {store.path}")
        out.print(render_story(story, {a.id: a for a in store.articles(story.article_ids)}))  # type: ignore[union-attr]
    finally:
        store.close()


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")],
    jsonl: Annotated[Optional[Path], typer.Option("--jsonl", help="Write here instead of stdout.")] = None,
    config: ConfigOption = None,
    max_file_bytes: Annotated[Optional[int], typer.Option(help="Skip files larger than this.")] = None,
) -> None:
    """Ingest and clean only: one JSON object per article (source_path, title, text, removed, ...)."""
    from storylens.clean import clean_document
    from storylens.ingest import ingest

    settings = load_settings(config, max_file_bytes=max_file_bytes)
    skipped = written = 0
    target = jsonl.with_name(jsonl.name + ".partial") if jsonl else None
    handle = open(target, "w", encoding="utf-8") if target else sys.stdout

    def on_error(error: InputError) -> None:
        nonlocal skipped
        skipped += 1
        report_error(error)

    try:
        for document in ingest(paths, settings, on_error):
            try:
                article = clean_document(document)
            except InputError as error:
                on_error(error)
                continue
            record = {k: v for k, v in article.to_json().items() if k in CLEAN_FIELDS}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    finally:
        if target:
            handle.close()
    if target and jsonl:
        os.replace(target, jsonl)  # never leave a half-written file under the requested name
    if skipped:
        raise typer.Exit(2 if not written else 1)


CLEAN_FIELDS = ("id", "source_path", "title", "outlet", "url", "published", "text", "removed")


@app.command()
def serve(
    db: DbOption = None,
    config: ConfigOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
) -> None:
    """Browse the stories in a local web app (stop with Ctrl-C)."""
    from storylens.web import make_server

    settings = load_settings(config, db=db)
    open_store(settings, must_exist=True).close()  # one clear error before listening
    try:
        server = make_server(str(settings.db), host, port)
    except OSError as error:
        fail(f"cannot listen on {host}:{port} ({error.strerror or error})")
    out.print(f"storylens: serving {settings.db} at http://{host}:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.command("settings")
def show_settings(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table the README holds.")] = False,
) -> None:
    """List every setting with its default (set them in a TOML file given to --config)."""
    if markdown:
        print("| setting | default | meaning |\n|---|---|---|")
        for name, default, help_text in describe():
            print(f"| `{name}` | `{default!r}` | {help_text} |")
        return
    for name, default, help_text in describe():
        out.print(f"[bold]{name}[/bold] = {default!r}\n    {help_text}", markup=True, highlight=False)


def open_store(settings: Settings, must_exist: bool = False):  # noqa: ANN201 - Store imported lazily
    from storylens.store import Store

    if must_exist and not Path(settings.db).exists():
        fail(f"{settings.db}: no database (run `storylens analyze` first)")
    try:
        return Store(settings.db)
    except Exception as error:  # sqlite3.DatabaseError: not a database, locked, unwritable
        fail(f"{settings.db}: cannot open database ({error})")


def write_outputs(store, json_path: Path | None, html_path: Path | None) -> None:  # noqa: ANN001
    from storylens.report import export, render_html

    data = export(store)
    if json_path:
        atomic_write(json_path, json.dumps(data, ensure_ascii=False, indent=2))
    if html_path:
        atomic_write(html_path, render_html(data))


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def print_story_list(store, highlight: set[str] | None = None) -> None:  # noqa: ANN001
    from storylens.terminal import story_table

    out.print(story_table(store.stories(), highlight or set()))


def main() -> None:
    try:
        app()
    except StorylensError as error:
        err.print(f"storylens: error: {error}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("storylens: interrupted; the database holds everything stored before this point", markup=False)
        sys.exit(130)
