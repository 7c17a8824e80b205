"""Back office: reply templates. Staff keep their unit's; supervisors keep the shared ones."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from portal.audit.services import Actor
from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.admin_forms import TemplateForm
from portal.complaints.models import ReplyTemplate
from portal.complaints.templates_service import save_template, usable_templates
from portal.extensions import db
from portal.staff.scoping import get_scoped_or_404


@admin_bp.route("/templates/")
def templates():
    items = usable_templates(db.session, current_user)
    return render_template("complaints/admin/templates.html", templates=items)


@admin_bp.route("/templates/new", methods=["GET", "POST"])
def template_new():
    form = TemplateForm()
    if form.validate_on_submit():
        save_template(db.session, Actor.of_user(current_user), current_user, None, form.data)
        db.session.commit()
        flash("模板已保存。", "success")
        return redirect(url_for(".templates"))
    return render_template("complaints/admin/template_form.html", form=form, template=None)


@admin_bp.route("/templates/<int:template_id>", methods=["GET", "POST"])
def template_edit(template_id: int):
    template = get_scoped_or_404(ReplyTemplate, ReplyTemplate.id == template_id)
    form = TemplateForm(obj=template)
    if form.validate_on_submit():
        save_template(db.session, Actor.of_user(current_user), current_user, template, form.data)
        db.session.commit()
        flash("模板已保存。", "success")
        return redirect(url_for(".templates"))
    return render_template("complaints/admin/template_form.html", form=form, template=template)
