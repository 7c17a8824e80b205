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
    # disclosure: the demo's well-known permalinks (portal/disclosure/decisions/demo.py)
    "/decisions/?unit=weidong&violation=street_vending",
    "/decisions/demo-corrected",
    "/decisions/demo-corrected/revisions/1",
    "/decisions/demo-withdrawn",
    "/decisions/demo-expired",
    "/decisions/demo-major",
    "/disclosure/documents/d-xinhua-4",
    "/disclosure/documents/d-zhidui-old",
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
    # disclosure: demo decisions 1-5 are demo-corrected, -withdrawn, -major, -expired, -draft
    "/admin/decisions/",
    "/admin/decisions/due",
    "/admin/decisions/new",
    "/admin/decisions/1",
    "/admin/decisions/1/edit",
    "/admin/decisions/1/withdraw",
    "/admin/decisions/1/revocation",
    "/admin/decisions/2",
    "/admin/decisions/3/major",
    "/admin/decisions/5",
    "/admin/decisions/5/edit",
    "/admin/decisions/5/publish",
    "/admin/decisions/5/submit",
    "/admin/decisions/5/return",
    "/admin/documents/",
    "/admin/documents/new",
    "/admin/documents/7",
    "/admin/documents/7/edit",
    "/admin/documents/7/publish",
    "/admin/documents/7/withdraw",
]
