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
    "/reviews/evaluation/1",
    "/reviews/evaluation/2?unit=xinhua",
    "/reviews/evaluation/2/answer",
    "/reviews/case-files/1",
    "/supervisors/",
    "/media/",
    "/search",
    "/search?q=%E6%96%B0%E5%8D%8E%E5%8C%BA",  # 新华区: results with filters and snippets
    "/search?q=%E9%87%8F%E5%AD%90%E8%AE%A1%E7%AE%97%E6%9C%BA",  # 量子计算机: nothing found
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
    "/admin/officers/",
    "/admin/officers/new",
    "/admin/officers/attention",
    "/admin/officers/1",
    "/admin/officers/1/status",
    "/admin/officers/1/photo",
    "/admin/officers/1/trainings",
    "/admin/account/password",
]
