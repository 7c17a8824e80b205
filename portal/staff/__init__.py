"""Back office (/admin/): login, accounts and roles, the unit-scoping helper."""

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from portal.audit.services import CLI_ACTOR
from portal.core.text_input import NORMALISED_TEXT, normalise_text
from portal.extensions import db
from portal.staff import second_factor_views  # noqa: F401  (registers the second-step routes)
from portal.staff.models import ROLES, StaffUser
from portal.staff.second_factor import enrol_directly
from portal.staff.services import StaffError, create_user
from portal.staff.totp import provisioning_uri
from portal.staff.views import bp

__all__ = ["bp", "users_cli"]

users_cli = AppGroup("users", help="Manage back-office accounts.")


def _read_password() -> str:
    """Normalised like the login form's field, so that the same keys log in."""
    if sys.stdin.isatty():
        typed = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        typed = sys.stdin.readline().rstrip("\r\n")
    try:
        return normalise_text(typed)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


@users_cli.command("create")
@click.argument("name", type=NORMALISED_TEXT)
@click.option("--role", type=click.Choice(list(ROLES)), required=True)
@click.option(
    "--unit", "unit_code", type=NORMALISED_TEXT, help="Unit code; required for --role staff."
)
@click.option(
    "--display-name",
    default="",
    type=NORMALISED_TEXT,
    help="The person's name, shown to colleagues.",
)
def create_user_command(name: str, role: str, unit_code: str | None, display_name: str) -> None:
    """Create the account NAME. The password is prompted, or read from standard input."""
    password = _read_password()
    try:
        user = create_user(
            db.session,
            CLI_ACTOR,
            username=name,
            password=password,
            role=role,
            unit_code=unit_code,
            display_name=display_name,
        )
    except StaffError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role} {user.username}" + (f" of {unit_code}" if unit_code else ""))


@users_cli.command("totp")
@click.argument("name")
def totp_command(name: str) -> None:
    """Enrol NAME for TOTP now: prints the otpauth:// URI and the ten recovery codes, once."""
    user = db.session.scalars(
        select(StaffUser).where(func.lower(StaffUser.username) == name.strip().lower())
    ).first()
    if user is None:
        raise click.ClickException(f"No account named {name}")
    try:
        secret, codes = enrol_directly(db.session, CLI_ACTOR, user)
    except StaffError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo("Add this to the authenticator app (shown once, not stored in any log):")
    click.echo(provisioning_uri(secret, user.username))
    click.echo("Recovery codes, each usable once (shown once):")
    for code in codes:
        click.echo(f"  {code}")
