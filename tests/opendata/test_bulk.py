"""Yearly bulk downloads (CSV + JSON in a zip) of the public record, and the data dictionary
that describes every column."""

import csv
import io
import json
import zipfile
from pathlib import Path

from portal.core.models import local_today
from portal.opendata.dictionary import COMMON_FIELDS, KIND_FIELDS
from portal.opendata.records import PUBLISHED_KINDS


def _zip(client, url):
    with client.get(url) as response:  # a file response: closed, or its file stays open
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        assert response.headers["Content-Type"] == "application/zip"
        return zipfile.ZipFile(io.BytesIO(response.data))


def test_a_years_decisions_hold_only_what_is_public_now(records, client, app):
    year = local_today().year
    archive = _zip(client, f"/open-data/bulk/decision-{year}.zip")
    assert sorted(archive.namelist()) == [f"decision-{year}.csv", f"decision-{year}.json"]
    text = archive.read(f"decision-{year}.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    document = json.loads(archive.read(f"decision-{year}.json"))
    assert {row["public_id"] for row in rows} == {records.plain, records.corrected}
    assert [item["public_id"] for item in document["items"]] == [row["public_id"] for row in rows]
    corrected = next(row for row in rows if row["public_id"] == records.corrected)
    assert corrected["revision"] == "2" and corrected["correction_reason"] == "罚款金额录入错误"
    assert corrected["penalty"] == "罚款人民币100元"
    assert all(row["party"] == "张某某" for row in rows)
    assert "张三" not in text
    # cached on disk, and rebuilt when the public record changes
    cached = list(Path(app.config["OPEN_DATA_CACHE_DIR"]).glob("decision-*.zip"))
    assert len(cached) == 1
    assert (
        _zip(client, f"/open-data/bulk/decision-{year}.zip").fp.getvalue() == archive.fp.getvalue()
    )


def test_every_column_of_every_kind_is_in_the_data_dictionary(records, client):
    year = local_today().year
    page = client.get("/open-data/dictionary").get_data(as_text=True)
    for name in PUBLISHED_KINDS:
        archive = _zip(client, f"/open-data/bulk/{name}-{year}.zip")
        header = archive.read(f"{name}-{year}.csv").decode("utf-8").lstrip("\ufeff").splitlines()[0]
        for column in header.split(","):
            assert column in COMMON_FIELDS or column in KIND_FIELDS[name], (name, column)
            assert f"<code>{column}</code>" in page
    assert client.get("/open-data/").get_data(as_text=True).count(f"-{year}.zip") >= 2


def test_unknown_kinds_and_years_are_chinese_404(records, client):
    for url, message in (
        ("/open-data/bulk/secrets-2026.zip", "没有这类数据"),
        ("/open-data/bulk/decision-1999.zip", "年份应在"),
        (f"/open-data/bulk/decision-{local_today().year + 1}.zip", "年份应在"),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert message in response.get_data(as_text=True)
