"""The pages every browser-level check walks: accessibility (axe) and HTML validity (vnu).

Each domain adds the paths of its pages as the demo data makes them exist.
"""

PUBLIC_PAGES = [
    "/",
    "/disclosure/",
    "/disclosure/units/xinhua",
    "/decisions/",
    "/officers/lookup",
    "/officers/?unit=xinhua",
    "/complaints/new",
    "/complaints/new?kind=tipoff&badge=100234",
    "/track",
    "/track?tracking_no=2026013112345678",
    "/outcomes/",
    "/stats/",
    "/reviews/",
    "/media/",
    "/search",
    "/kiosk/",
    "/admin/login",
    "/no-such-page",
]

#: pages behind the back-office login (checked logged in as the demo admin)
ADMIN_PAGES = [
    "/admin/",
    "/admin/units/",
    "/admin/units/xinhua",
    "/admin/users/",
    "/admin/users/new",
    "/admin/audit/",
    "/admin/account/password",
    # demo complaint 1 is waiting for acceptance, 2 is being handled (portal.complaints.demo)
    "/admin/complaints/",
    "/admin/complaints/?due=overdue&sort=new",
    "/admin/complaints/1",
    "/admin/complaints/1/contact",
    "/admin/complaints/1/act/reject",
    "/admin/complaints/1/act/reassign",
    "/admin/complaints/2",
    "/admin/complaints/2/act/assign",
    "/admin/complaints/2/act/extend",
    "/admin/complaints/2/act/reply",
    "/admin/complaints/new",
    "/admin/complaints/templates/",
    "/admin/complaints/templates/new",
    "/admin/complaints/templates/1",
]
