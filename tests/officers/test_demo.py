"""Demo roster: ~400 officers in all 13 units, every status and verdict, loaded idempotently."""

import re
import time

from sqlalchemy import func, select

from portal.core.models import local_today
from portal.demo import load_demo_data
from portal.extensions import db
from portal.officers.models import Officer, OfficerTraining


def test_demo_roster(app, client):
    with app.app_context():
        started = time.perf_counter()
        counts = load_demo_data(db.session)
        db.session.commit()
        print(f"\ndemo data loaded in {time.perf_counter() - started:.2f} s: {counts}")
        added, total = counts["officers"]
        assert 380 <= added == total <= 420
        assert load_demo_data(db.session)["officers"] == (0, total)
        by_status = dict(
            db.session.execute(select(Officer.status, func.count()).group_by(Officer.status)).all()
        )
        assert set(by_status) == {"active", "suspended", "revoked", "transferred"}
        assert all(count >= 10 for count in by_status.values())
        expired = db.session.scalar(
            select(func.count()).where(
                Officer.status == "active", Officer.cert_valid_to < local_today()
            )
        )
        assert expired >= 15
        units = db.session.scalar(select(func.count(func.distinct(Officer.unit_id))))
        assert units == 13
        assert db.session.scalar(select(func.count()).select_from(OfficerTraining)) > 400
        names = db.session.scalars(select(Officer.name)).all()
        assert len(set(names)) > 300
        assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) for name in names)
    expected = {
        "110001": "有效",
        "110002": "证件已过期",
        "110003": "暂停执法",
        "110004": "已注销",
        "110005": "已调离",
        "110099": "号码已停用",
    }
    for badge, title in expected.items():
        page = client.get(f"/officers/lookup?badge={badge}").get_data(as_text=True)
        assert f"查询结果：</span>{title}" in page, badge
    page = client.get("/officers/lookup?badge=110001").get_data(as_text=True)
    photo = re.search(r'src="(/officers/photos/[0-9a-f]{32}/photo\.jpg)"', page).group(1)
    assert client.get(photo).status_code == 200
