"""A firm signs up in a real browser on a phone screen, opens the verification link from the
mail file (the file backend of development), presses 「完成驗證」 and lands on its
applications, logged in; it changes its password from the header's 帳號設定. The pages have
no serious accessibility violations and fit 360 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from smewindow.applications.models import Firm
from tests.applications.conftest import business_id

from .support import serious_violations, shot


def mail_link(folder: Path) -> str:
    [message] = list(folder.iterdir())
    match = re.search(r"https?://\S+", message.read_text())
    assert match
    return match.group(0)


def test_a_firm_signs_up_and_verifies(
    live_server: Any, transactional_db: None, browser: Browser, settings: Any, tmp_path: Path
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    page = browser.new_page(viewport={"width": 360, "height": 800}, locale="zh-TW")
    page.goto(f"{live_server.url}/accounts/signup")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("統一編號").fill(business_id(5_000_001))
    page.get_by_label("企業名稱").fill("瀏覽器註冊企業")
    page.get_by_label("所在縣市").select_option("臺南市")
    page.get_by_label("行業（中類）").select_option("25")
    page.get_by_label("電子郵件").fill("Browser@Example.tw")
    page.get_by_label("密碼", exact=True).fill("瀏覽器-測試-2025-密碼")
    page.get_by_label("確認密碼").fill("瀏覽器-測試-2025-密碼")
    shot(page, "accounts-signup")
    page.get_by_role("button", name="註冊").click()
    assert page.get_by_role("heading", name="請至信箱點選驗證連結").is_visible()
    assert "browser@example.tw" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    shot(page, "accounts-sent")
    page.goto(mail_link(tmp_path))
    assert not Firm.objects.get(name="瀏覽器註冊企業").user.is_active  # opening it is not enough
    assert serious_violations(page) == []
    page.get_by_role("button", name="完成驗證").click()
    assert page.url == f"{live_server.url}/apply/"
    assert page.get_by_role("button", name="登出").is_visible()
    page.get_by_role("link", name="帳號設定").click()
    page.get_by_role("link", name="變更密碼").click()
    page.get_by_label("目前的密碼").fill("瀏覽器-測試-2025-密碼")
    page.get_by_label("新密碼").fill("瀏覽器-新的-2026-密碼")
    page.get_by_label("確認密碼").fill("瀏覽器-新的-2026-密碼")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="變更密碼").click()
    assert page.get_by_role("heading", name="密碼已變更").is_visible()
    assert page.get_by_role("button", name="登出").is_visible()  # still logged in
    firm = Firm.objects.select_related("user").get(name="瀏覽器註冊企業")
    assert firm.user.is_active and firm.county == "臺南市"
    page.get_by_role("button", name="登出").click()
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "accounts-login")
    page.close()
