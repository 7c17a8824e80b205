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
    "/officers/",
    "/officers/?status=revoked",
    "/officers/lookup?badge=110001",
    "/officers/lookup?badge=110002",
    "/officers/lookup?badge=110003",
    "/officers/lookup?badge=110005",
    "/officers/lookup?badge=110099",
    "/officers/lookup?badge=999999",
    "/officers/lookup?badge=abc",
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
    "/admin/officers/",
    "/admin/officers/new",
    "/admin/officers/attention",
    "/admin/officers/1",
    "/admin/officers/1/status",
    "/admin/officers/1/photo",
    "/admin/officers/1/trainings",
    "/admin/account/password",
]
