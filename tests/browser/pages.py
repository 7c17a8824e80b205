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
]
