"""Back office of the officer domain; every query goes through portal.staff.scoping."""

from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import or_, select

from portal.audit.services import Actor
from portal.core.models import local_today
from portal.core.pagination import keyset_page
from portal.extensions import db
from portal.officers.forms import (
    CATEGORIES,
    POSTS,
    ConfirmForm,
    OfficerForm,
    PhotoForm,
    StatusForm,
    TrainingForm,
)
from portal.officers.models import OFFICER_STATUSES, Officer, OfficerHistoryEntry, OfficerTraining
from portal.officers.photos import PhotoError, delete_photo_files, photo_path, store_photo
from portal.officers.reports import (
    EXPIRY_WINDOW_DAYS,
    expiring_certificates,
    trainings_of,
    under_trained,
)
from portal.officers.services import (
    OFFICER_FIELDS,
    OfficerError,
    add_training,
    change_status,
    create_officer,
    delete_training,
    set_photo,
    update_officer,
)
from portal.org.models import Unit
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

admin_bp = Blueprint("officers_admin", __name__, url_prefix="/admin/officers")
admin_bp.before_request(require_staff_login)

PAGE_SIZE = 50


def _actor() -> Actor:
    return Actor.of_user(current_user)


def _officer(officer_id: int) -> Officer:
    return get_scoped_or_404(Officer, Officer.id == officer_id)


def _units_in_scope() -> list[Unit]:
    return db.session.scalars(scoped_select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _form_error(form, error: OfficerError | PhotoError, default_field: str) -> None:
    field = getattr(error, "field", None) or default_field
    getattr(form, field if hasattr(form, field) else default_field).errors.append(str(error))


@admin_bp.route("/")
def officers():
    query = " ".join(request.args.get("q", "").split())
    status = request.args.get("status", "")
    stmt = scoped_select(Officer)
    if query:
        stmt = stmt.where(
            or_(Officer.badge_no == query, Officer.cert_no == query, Officer.name.contains(query))
        )
    if status in OFFICER_STATUSES:
        stmt = stmt.where(Officer.status == status)
    page = keyset_page(
        db.session,
        stmt,
        [Officer.unit_id, Officer.badge_no],
        lambda officer: (officer.unit_id, officer.badge_no),
        request.args.get("cursor"),
        PAGE_SIZE,
    )
    return render_template(
        "officers/admin/list.html",
        page=page,
        query=query,
        status=status,
        statuses=OFFICER_STATUSES,
    )


def _officer_form(officer: Officer | None) -> OfficerForm:
    form = OfficerForm(obj=officer if request.method == "GET" else None)
    units = _units_in_scope()
    form.unit.choices = {unit.code: unit.name for unit in units}
    if request.method == "GET":
        form.unit.data = officer.unit.code if officer else (units[0].code if units else "")
    return form


def _chosen_unit(form: OfficerForm) -> Unit:
    # the choices hold only units in the user's scope, so the validated choice is allowed
    return get_scoped_or_404(Unit, Unit.code == form.unit.data)


def _render_form(form, officer):
    return render_template(
        "officers/admin/form.html", form=form, officer=officer, posts=POSTS, categories=CATEGORIES
    )


@admin_bp.route("/new", methods=["GET", "POST"])
def officer_new():
    form = _officer_form(None)
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in OFFICER_FIELDS}
        try:
            officer = create_officer(db.session, _actor(), _chosen_unit(form), fields)
        except OfficerError as error:
            db.session.rollback()
            _form_error(form, error, "badge_no")
        else:
            db.session.commit()
            flash(f"已添加执法人员 {officer.name}（工号 {officer.badge_no}）。", "success")
            return redirect(url_for("officers_admin.officer_edit", officer_id=officer.id))
    return _render_form(form, None)


@admin_bp.route("/<int:officer_id>", methods=["GET", "POST"])
def officer_edit(officer_id: int):
    officer = _officer(officer_id)
    form = _officer_form(officer)
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in OFFICER_FIELDS}
        unit = _chosen_unit(form) if current_user.sees_all_units else None
        try:
            changed = update_officer(db.session, _actor(), officer, fields, unit)
        except OfficerError as error:
            db.session.rollback()
            officer = _officer(officer_id)
            _form_error(form, error, "badge_no")
        else:
            db.session.commit()
            flash(
                "已保存。" if changed else "没有需要保存的修改。", "success" if changed else "info"
            )
            return redirect(url_for("officers_admin.officer_edit", officer_id=officer.id))
    history = db.session.scalars(
        select(OfficerHistoryEntry)
        .where(OfficerHistoryEntry.officer_id == officer.id)
        .order_by(OfficerHistoryEntry.changed_at.desc(), OfficerHistoryEntry.id.desc())
    ).all()
    return render_template(
        "officers/admin/form.html",
        form=form,
        officer=officer,
        history=history,
        posts=POSTS,
        categories=CATEGORIES,
        unit_fixed=not current_user.sees_all_units,
    )


@admin_bp.route("/<int:officer_id>/status", methods=["GET", "POST"])
def officer_status(officer_id: int):
    officer = _officer(officer_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            change_status(db.session, _actor(), officer, form.status.data, form.reason.data)
        except OfficerError as error:
            db.session.rollback()
            officer = _officer(officer_id)
            _form_error(form, error, "reason")
        else:
            db.session.commit()
            flash(f"状态已改为“{officer.status_label}”，公众查询结果已同步更新。", "success")
            return redirect(url_for("officers_admin.officer_edit", officer_id=officer.id))
    return render_template("officers/admin/status.html", form=form, officer=officer)


@admin_bp.route("/<int:officer_id>/photo", methods=["GET", "POST"])
def officer_photo(officer_id: int):
    officer = _officer(officer_id)
    form = PhotoForm()
    remove_form = ConfirmForm(prefix="remove")
    if remove_form.validate_on_submit() and request.form.get("remove-submit"):
        old_key = set_photo(db.session, _actor(), officer, None)
        db.session.commit()
        delete_photo_files(old_key)
        flash("照片已删除。", "success")
        return redirect(url_for("officers_admin.officer_edit", officer_id=officer.id))
    if form.validate_on_submit():
        try:
            key = store_photo(form.photo.data.read())
        except PhotoError as error:
            form.photo.errors.append(str(error))
        else:
            old_key = set_photo(db.session, _actor(), officer, key)
            db.session.commit()
            delete_photo_files(old_key)
            flash("照片已更新（已去除拍摄信息并生成缩略图）。", "success")
            return redirect(url_for("officers_admin.officer_edit", officer_id=officer.id))
    return render_template(
        "officers/admin/photo.html", form=form, remove_form=remove_form, officer=officer
    )


@admin_bp.route("/<int:officer_id>/photo.jpg")
def officer_photo_file(officer_id: int):
    """The photo as staff see it, whatever the officer's status (never cached)."""
    officer = _officer(officer_id)
    variant = "thumb" if request.args.get("size") == "thumb" else "photo"
    if not officer.photo_key or not photo_path(officer.photo_key, variant).is_file():
        abort(404)
    return Response(photo_path(officer.photo_key, variant).read_bytes(), mimetype="image/jpeg")


@admin_bp.route("/<int:officer_id>/trainings", methods=["GET", "POST"])
def officer_trainings(officer_id: int):
    officer = _officer(officer_id)
    form = TrainingForm()
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in ("trained_on", "title", "hours")}
        fields["organiser"] = form.organiser.data
        try:
            add_training(db.session, _actor(), officer, fields)
        except OfficerError as error:
            db.session.rollback()
            officer = _officer(officer_id)
            _form_error(form, error, "title")
        else:
            db.session.commit()
            flash("已添加培训记录。", "success")
            return redirect(url_for("officers_admin.officer_trainings", officer_id=officer.id))
    return render_template(
        "officers/admin/trainings.html",
        form=form,
        officer=officer,
        trainings=trainings_of(db.session, officer),
        year=local_today().year,
    )


@admin_bp.route("/<int:officer_id>/trainings/<int:training_id>/delete", methods=["GET", "POST"])
def training_delete(officer_id: int, training_id: int):
    officer = _officer(officer_id)
    training = db.session.scalars(
        select(OfficerTraining).where(
            OfficerTraining.id == training_id, OfficerTraining.officer_id == officer.id
        )
    ).first()
    if training is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        delete_training(db.session, _actor(), officer, training)
        db.session.commit()
        flash("已删除培训记录。", "success")
        return redirect(url_for("officers_admin.officer_trainings", officer_id=officer.id))
    return render_template(
        "officers/admin/training_delete.html", form=form, officer=officer, training=training
    )


@admin_bp.route("/attention")
def attention():
    today = local_today()
    return render_template(
        "officers/admin/attention.html",
        expiring=expiring_certificates(db.session, scoped_select(Officer), today),
        under_trained=under_trained(db.session, scoped_select(Officer), today.year),
        today=today,
        until=today + timedelta(days=EXPIRY_WINDOW_DAYS),
    )
