"""The unit provider: the pattern every kind's provider test follows.

Publish (here: the demo units exist) → found; change through the domain's service → the new
text is found and the old is not; gone from what is public → found nowhere.
"""

from sqlalchemy import delete, select

from portal.audit.services import CLI_ACTOR
from portal.disclosure.services import update_unit_profile
from portal.extensions import db
from portal.org.models import Unit
from portal.search.operations import compare_with_database
from portal.search.outbox import record_index_change


def test_every_unit_is_found_by_its_names(demo_units, search_index, search):
    assert search("新华区").hrefs[0] == "/disclosure/units/xinhua"
    assert search("市执法支队").hrefs[0] == "/disclosure/units/zhidui"
    assert search("叶县").hrefs[0] == "/disclosure/units/yexian"
    assert search("郏县城市管理和综合执法局").hrefs[0] == "/disclosure/units/jiaxian"
    assert search("0375-2622319").hrefs == ["/disclosure/units/zhidui"]  # public phones stay


def test_an_edit_through_the_service_reaches_the_index(app, demo_units, search_index, search):
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == "shilong"))
        update_unit_profile(db.session, CLI_ACTOR, unit, {"jurisdiction": "石龙区内的露天烧烤整治"})
        db.session.commit()
    search_index.sync()
    assert search("露天烧烤").hrefs == ["/disclosure/units/shilong"]
    assert "/disclosure/units/shilong" not in search("行政检查").hrefs  # the old text is gone


def test_what_is_no_longer_public_is_removed(app, demo_units, search_index, search):
    with app.app_context():
        unit_id = db.session.scalar(select(Unit.id).where(Unit.code == "gaoxinqu"))
        db.session.execute(delete(Unit).where(Unit.id == unit_id))
        record_index_change(db.session, "unit", unit_id)
        db.session.commit()
    search_index.sync()
    assert "/disclosure/units/gaoxinqu" not in search("高新区").hrefs
    assert not compare_with_database(app)
