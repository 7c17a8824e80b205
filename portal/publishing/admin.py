"""What every kind's back office shares: the working-copy list (status and text filters, keyset
pages), refused steps shown with their Chinese message, and a lifecycle step committed or
rolled back. Unit scoping is the caller's (``portal.staff.scoping``); these only run the step.
"""

from flask import flash, redirect, render_template, request
from flask_login import current_user
from sqlalchemy import or_

from portal.audit.services import Actor
from portal.core.pagination import keyset_page
from portal.core.publication import STATUS_LABELS, PublicationError
from portal.extensions import db
from portal.staff.scoping import scoped_select

ADMIN_PAGE_SIZE = 50
QUERY_MAX_LENGTH = 100


def actor() -> Actor:
    return Actor.of_user(current_user)


def may_review() -> bool:
    """The supervision office (综合监督科) reviews; admins may act for it."""
    return current_user.role in ("supervisor", "admin")


def show_error(form, error: PublicationError) -> None:
    """The refusal at its field when the form has it, else as a message at the top."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), "error")


def form_status() -> int:
    """A form sent back with its messages is a 400; a page shown for the first time a 200."""
    return 400 if request.method == "POST" else 200


def commit_step(form, change, message: str, done_url: str):
    """Run ``change``: commit and go to ``done_url``, or roll back and show why (None)."""
    try:
        change()
    except PublicationError as error:
        db.session.rollback()
        show_error(form, error)
        return None
    db.session.commit()
    flash(message, "success")
    return redirect(done_url)


def step_page(form, change, message: str, done_url: str, template: str, **context):
    """A lifecycle step on its own page (submit, return, withdraw …): done, or the page again
    with the reason it was refused."""
    if form.validate_on_submit():
        done = commit_step(form, change, message, done_url)
        if done:
            return done
    return render_template(template, form=form, **context), form_status()


def working_copy_list(model, text_columns, template: str, **context):
    """The back-office list of a kind: ``?status=`` and ``?q=`` (matching ``text_columns``),
    the caller's units only, newest first, by keyset."""
    status = request.args.get("status", "")
    query = " ".join(request.args.get("q", "").split())[:QUERY_MAX_LENGTH]
    stmt = scoped_select(model)
    if status in STATUS_LABELS:
        stmt = stmt.where(model.status == status)
    if query:
        stmt = stmt.where(
            or_(*(column.contains(query, autoescape=True) for column in text_columns))
        )
    page = keyset_page(
        db.session,
        stmt,
        [model.id],
        lambda item: (item.id,),
        request.args.get("cursor"),
        ADMIN_PAGE_SIZE,
        descending=True,
    )
    return render_template(
        template, page=page, status=status, query=query, statuses=STATUS_LABELS, **context
    )
