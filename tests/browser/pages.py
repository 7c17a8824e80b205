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
    "/admin/account/password",
]
