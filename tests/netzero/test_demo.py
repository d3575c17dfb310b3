"""The demo ESCO list: loaded by ``load_demo_escos``, marked demo everywhere, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from smewindow.netzero.models import Esco, Service

pytestmark = pytest.mark.django_db


def test_the_demo_list_is_marked_demo_and_loads_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo_escos")
    assert "新增 12" in capsys.readouterr().out
    escos = list(Esco.objects.all())
    assert len(escos) == 12
    for esco in escos:
        assert esco.is_demo and esco.is_approved
        assert esco.name.startswith("（示範）")
        assert esco.business_id == "" and esco.phone == ""  # never a real firm's
        assert esco.url.endswith(".example.com/") and esco.email.endswith(".example.com")
        assert esco.source.startswith("示範資料")
    before = list(Esco.objects.order_by("pk").values())
    call_command("load_demo_escos")
    assert "未變 12" in capsys.readouterr().out
    assert list(Esco.objects.order_by("pk").values()) == before


def test_the_demo_list_covers_every_service_and_region() -> None:
    call_command("load_demo_escos", verbosity=0)
    services = {code for esco in Esco.objects.all() for code in esco.service_list}
    assert services == set(Service.values)
    assert Esco.objects.filter(counties="").count() == 1  # one serves every county
    served = {county for esco in Esco.objects.all() for county in esco.county_list}
    assert {"臺北市", "臺中市", "高雄市", "花蓮縣", "金門縣", "澎湖縣"} <= served


def test_remove_deletes_only_demo_escos(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo_escos", verbosity=0)
    Esco.objects.create(name="真實業者")
    call_command("load_demo_escos", remove=True)
    assert "12" in capsys.readouterr().out
    assert list(Esco.objects.values_list("name", flat=True)) == ["真實業者"]
