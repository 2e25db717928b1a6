"""Command-line tasks: ``flask --app facilitation <command>``."""

import os
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from .agenda_files import definition_of, dump_agenda, parse_agenda
from .domain.demo import demo_workshop
from .domain.errors import Refusal
from .exports import FORMATS, export
from .messages import problem_in_file
from .storage.backup import back_up
from .workshops import create_workshop


def _store():
    return current_app.extensions["facilitation.store"]


def ensure_demo(app, owner_id=None):
    """Load the demo workshop if the database holds no workshop yet; return the first workshop."""
    store = app.extensions["facilitation.store"]
    workshops = store.workshops()
    if workshops:
        return workshops[0]
    return create_workshop(store, demo_workshop(app.config["DEMO_LANGUAGE"]), owner_id)


def print_links(app, workshop, echo=click.echo, moderator=False):
    """Print the links of ``workshop``: presenter, participant, (moderator,) screen."""
    links = app.extensions["facilitation.links"]
    echo(f"Workshop:    {workshop.title}  (join code {workshop.join_code})")
    echo(f"Presenter:   {links.presenter_url(workshop)}")
    echo(f"Participant: {links.join_url(workshop)}")
    if moderator:
        echo(f"Moderator:   {links.moderator_url(workshop)}")
    echo(f"Screen:      {links.screen_url(workshop)}")


@click.command("demo")
@with_appcontext
@click.option("--language", type=click.Choice(["de", "en"]), default="de", show_default=True)
def demo_command(language):
    """Add the canonical 60-minute demo workshop and print its links."""
    workshop = create_workshop(_store(), demo_workshop(language), _owner(None))
    print_links(current_app, workshop)


@click.command("links")
@with_appcontext
def links_command():
    """Print the links of every workshop."""
    for workshop in _store().workshops():
        print_links(current_app, workshop, moderator=True)
        click.echo()


def _owner(email):
    """The organizer an imported or demo workshop belongs to: ``email``, else the first one."""
    store = _store()
    if email:
        owner = store.organizer_by_email(email.strip().lower())
        if owner is None:
            raise click.ClickException(f"no organizer with the e-mail {email}")
        return owner.id
    organizers = store.organizers()
    return organizers[0].id if organizers else None


@click.command("import")
@click.argument("path", type=click.File("rb"))
@click.option("--owner", metavar="EMAIL", help="The organizer it belongs to (default: the first).")
@with_appcontext
def import_command(path, owner):
    """Create a workshop from an agenda file (.yaml, .yml or .json; docs/agenda-format.md)."""
    owner_id = _owner(owner)
    try:
        definition = parse_agenda(path.read(), Path(path.name).name)
        workshop = create_workshop(_store(), definition, owner_id)
    except Refusal as refusal:
        raise click.ClickException(f"{path.name}: {problem_in_file(refusal)}") from None
    print_links(current_app, workshop)


@click.command("agenda")
@with_appcontext
@click.argument("workshop_id")
def agenda_command(workshop_id):
    """Print a workshop's agenda as YAML, ready for ``import`` (no answers, no keys)."""
    try:
        definition = definition_of(_store(), workshop_id)
    except Refusal:
        raise click.ClickException(f"no workshop with id {workshop_id}") from None
    click.echo(dump_agenda(definition), nl=False)


@click.command("export")
@with_appcontext
@click.argument("workshop_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="json",
    show_default=True,
    help="Excel workbook, a ZIP of CSV files, JSON, or the printable record as PDF.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The file to write (JSON goes to stdout without it).",
)
@click.option(
    "--delimiter",
    type=click.Choice([";", ","]),
    help="CSV only: the delimiter (default: ';' for German workshops, ',' for English).",
)
def export_command(workshop_id, fmt, output, delimiter):
    """Export one workshop's results (no identities, no secrets; docs/exports.md)."""
    media_type, _extension, binary = FORMATS[fmt]
    if binary and output is None:
        raise click.UsageError(f"--format {fmt} writes a binary file: give it with --output FILE")
    if delimiter and fmt != "csv":
        raise click.UsageError("--delimiter applies to --format csv only")
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    try:
        deletes = _deletes(workshop_id) if fmt == "pdf" else ""
        data = export(_store(), workshop_id, fmt, zone, delimiter, deletes)
    except Refusal:
        raise click.ClickException(f"no workshop with id {workshop_id}") from None
    if output is None:
        click.echo(data.decode("utf-8"))
        return
    output.write_bytes(data)
    click.echo(f"wrote {output} ({len(data):,} bytes, {media_type})", err=True)


def _deletes(workshop_id: str) -> str:
    """When the workshop's data goes, in its language, as the record's footer says it."""
    from .web.organizer import deletion_text

    workshop = _store().workshop(workshop_id)
    with force_locale(workshop.language):
        return deletion_text(
            current_app.extensions["facilitation.retention"].deletes_at_stored(_store(), workshop)
        )


@click.command("delete")
@with_appcontext
@click.argument("workshop_id")
@click.confirmation_option(prompt="Delete this workshop and all its answers for good?")
def delete_command(workshop_id):
    """Delete one workshop with all its participants and answers."""
    try:
        workshop = _store().workshop(workshop_id)
        _store().delete_workshop(workshop_id)
    except Refusal:
        raise click.ClickException(f"no workshop with id {workshop_id}") from None
    # With FACILITATION_MESSAGE_QUEUE the process holding the workshop closes its
    # connections at once; without, a server notices within its janitor's interval.
    current_app.extensions["facilitation.live"].cluster.deleted(workshop.id, workshop.language)
    click.echo("deleted")


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete every workshop whose retention period has run out (the server does it hourly)."""
    from .retention import purge

    deleted = purge(current_app)
    click.echo(f"deleted {len(deleted)} workshop(s) past their retention")


@click.command("backup")
@with_appcontext
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace DEST if it exists.")
def backup_command(dest, force):
    """Copy the database to DEST while servers keep writing (docs/deploy.md, Backups)."""
    folder = dest.parent
    if not folder.is_dir():
        raise click.ClickException(f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise click.ClickException(f"cannot write into the folder {folder}")
    if dest.exists() and not force:
        raise click.ClickException(f"{dest} exists: give --force to replace it")
    try:
        size = back_up(current_app.config["DATABASE"], dest)
    except (OSError, sqlite3.Error) as error:
        raise click.ClickException(f"backup to {dest} failed: {error}") from None
    click.echo(f"wrote {dest} ({size:,} bytes)")


def init_app(app):
    """Register the commands."""
    commands = (
        demo_command,
        links_command,
        import_command,
        agenda_command,
        export_command,
        delete_command,
        purge_command,
        backup_command,
    )
    for command in commands:
        app.cli.add_command(command)
