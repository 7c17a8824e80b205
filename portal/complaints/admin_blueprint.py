"""The back-office blueprint of complaints; its routes live in admin_views, admin_actions and
admin_templates, each registered on it."""

from flask import Blueprint

from portal.staff.access import require_staff_login

admin_bp = Blueprint("complaints_admin", __name__, url_prefix="/admin/complaints")
admin_bp.before_request(require_staff_login)
