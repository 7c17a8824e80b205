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
    "/track",
    "/outcomes/",
    "/stats/",
    "/reviews/",
    "/reviews/evaluation/1",
    "/reviews/evaluation/2?unit=xinhua",
    "/reviews/evaluation/2/answer",
    "/reviews/case-files/1",
    "/supervisors/",
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
    "/admin/evaluations/",
    "/admin/evaluations/2",
    "/admin/reviews/",
    "/admin/reviews/1",
    "/admin/reviews/results/1",
    "/admin/supervisors/",
    "/admin/supervisors/1",
    "/admin/account/password",
]
