"""Back office of the annual report: the supervision office reviews the year's figures and
publishes them (frozen), or corrects a published report with a public reason."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.audit.services import Actor
from portal.core.models import local_today, utcnow
from portal.core.publication import PublicationError
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.extensions import db
from portal.publishing.forms import CorrectionReasonField, SubmitForm
from portal.results.stats import annual
from portal.results.stats.annual_report import (
    AMOUNTS,
    ANNUAL_LIFECYCLE,
    SECTIONS,
    annual_figures,
    correct_annual_report,
    publish_annual_report,
    report_of,
)
from portal.results.stats.views import MIN_YEAR
from portal.staff.access import require_staff_login, roles_required

annual_admin_bp = Blueprint("annual_admin", __name__, url_prefix="/admin/annual-reports")
annual_admin_bp.before_request(require_staff_login)

OFFICE = ("supervisor", "admin")
#: how many past years the list offers
YEARS_LISTED = 5


class CorrectionForm(FlaskForm):
    reason = CorrectionReasonField()


def _rules() -> dict:
    return {
        "today": local_today(),
        "now": utcnow(),
        "calendar": working_calendar(),
        "filing_days": current_settings().filing_days,
    }


@annual_admin_bp.route("/")
@roles_required(*OFFICE)
def reports():
    today = local_today()
    years = [year for year in range(today.year - 1, today.year - 1 - YEARS_LISTED, -1)]
    return render_template(
        "results/stats/admin/list.html",
        rows=[(year, report_of(db.session, year)) for year in years if year >= MIN_YEAR],
        due_year=annual.reminder_year(today),
    )


@annual_admin_bp.route("/<int:year>", methods=["GET", "POST"])
@roles_required(*OFFICE)
def report(year: int):
    today = local_today()
    if not MIN_YEAR <= year < today.year:
        flash(f"{year}年度的年报现在不能发布：年度结束后（次年1月1日起）才能发布。", "error")
        return redirect(url_for("annual_admin.reports"))
    existing = report_of(db.session, year)
    publish_form = SubmitForm(prefix="publish")
    correction_form = CorrectionForm(prefix="correct")
    action = request.form.get("action")
    if action == "publish" and publish_form.validate_on_submit():
        try:
            publish_annual_report(db.session, Actor.of_user(current_user), year, **_rules())
        except PublicationError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(f"{year}年度统计年报已发布，数据已固定。", "success")
            return redirect(url_for("annual_admin.report", year=year))
    elif action == "correct" and existing is not None and correction_form.validate_on_submit():
        try:
            correct_annual_report(
                db.session,
                Actor.of_user(current_user),
                existing,
                correction_form.reason.data,
                **_rules(),
            )
        except PublicationError as error:
            db.session.rollback()
            existing = report_of(db.session, year)
            correction_form.reason.errors = [*correction_form.reason.errors, str(error)]
        else:
            db.session.commit()
            flash("已发布更正后的新版本，原版本仍可查阅。", "success")
            return redirect(url_for("annual_admin.report", year=year))
    rules = _rules()
    status = 400 if request.method == "POST" else 200  # refused: the page again, as a 400
    return render_template(
        "results/stats/admin/report.html",
        year=year,
        report=existing,
        history=ANNUAL_LIFECYCLE.revisions(db.session, existing) if existing else [],
        live=annual_figures(db.session, year, **rules),
        current=ANNUAL_LIFECYCLE.revision(db.session, existing) if existing else None,
        sections=SECTIONS,
        amounts=AMOUNTS,
        publish_form=publish_form,
        correction_form=correction_form,
    ), status
