"""The ESCO directory in the admin: registered, listed, edited with checkboxes, imported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client

from smewindow.netzero.admin import EscoAdmin
from smewindow.netzero.models import Esco

from .conftest import HEADER, ROWS, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Client) -> Client:
    user = User.objects.create_superuser("esco-admin", "a@example.com", "pw-esco-123")
    client.force_login(user)
    return client


def test_the_model_is_registered() -> None:
    assert isinstance(admin.site._registry[Esco], EscoAdmin)


def test_list_import_and_edit(staff: Client, tmp_path: Path) -> None:
    assert staff.get("/admin/netzero/esco/").status_code == 200
    page = staff.get("/admin/netzero/esco/import/")
    assert page.status_code == 200 and "公司名稱" in page.content.decode()

    path = write_csv(tmp_path / "能源技術服務業.csv", HEADER, ROWS)
    with path.open("rb") as upload:
        done = staff.post("/admin/netzero/esco/import/", {"file": upload}, follow=True)
    assert "能源技術服務業.csv：新增 3" in done.content.decode()

    bad = write_csv(tmp_path / "bad.csv", HEADER, [(1, "丁", "", "火星市", "", "", "", "", "")])
    with bad.open("rb") as upload:
        refused = staff.post("/admin/netzero/esco/import/", {"file": upload})
    assert "第 2 列「服務縣市」" in refused.content.decode() and Esco.objects.count() == 3

    esco = Esco.objects.get(name=ROWS[1][1])
    form = staff.get(f"/admin/netzero/esco/{esco.pk}/change/").content.decode()
    assert re.search(r'value="air_compressor"[^>]*checked', form)
    assert not re.search(r'value="lighting"[^>]*checked', form)
    saved = staff.post(
        f"/admin/netzero/esco/{esco.pk}/change/",
        {
            "name": esco.name,
            "business_id": "",
            "counties": ["臺北市", "高雄市"],
            "services": ["lighting"],
            "certifications": [],
            "address": "",
            "phone": "",
            "email": "",
            "url": "",
            "is_approved": "on",
            "source": "admin",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    esco.refresh_from_db()
    assert (esco.counties, esco.services, esco.certifications) == (
        "|臺北市|高雄市|",
        "|lighting|",
        "",
    )


def test_a_bad_business_id_is_refused_in_the_form(staff: Client) -> None:
    response = staff.post(
        "/admin/netzero/esco/add/", {"name": "甲", "business_id": "12345678", "is_approved": "on"}
    )
    assert response.status_code == 200 and "檢查碼不正確" in response.content.decode()
    assert not Esco.objects.exists()
