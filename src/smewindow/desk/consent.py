"""What the firm is told before it gives its contact details, as Taiwan's Personal Data
Protection Act (個人資料保護法) article 8 requires: the agency's name, the purpose, the
categories of data, the period, area, recipients and manner of use, the rights of article 3
and how to use them, and what happens without the data
(https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=I0050021, 第3條、第8條).

The text carries a version: each case records the version its firm agreed to
(``Consultation.consent_version``). Changing a word of the notice means a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

VERSION = "2026-01"
"""The notice's version, stored with each consent."""
SOURCE = "https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=I0050021"


def notice() -> list[tuple[str, str]]:
    """The notice's items (heading, text) in the active language; the retention period is
    ``settings.SMEWINDOW_DESK_RETENTION_DAYS``."""
    days = settings.SMEWINDOW_DESK_RETENTION_DAYS
    return [
        (
            _("蒐集機關"),
            _("經濟部中小及新創企業署（中小微企業單一窗口・馬上辦服務中心）。"),
        ),
        (
            _("蒐集目的"),
            _(
                "回覆您的諮詢，依您的需求轉介合作單位（例如技術法人、中小企業聯合輔導基金會、"
                "中小企業信用保證基金）提供輔導，追蹤處理結果，並請您評價服務。"
            ),
        ),
        (
            _("個人資料類別"),
            _(
                "聯絡人姓名、電話、電子郵件；以及企業名稱、統一編號、諮詢內容與您在問答中"
                "填寫的企業資料。"
            ),
        ),
        (
            _("利用期間、地區、對象及方式"),
            _(
                "自收到諮詢起至結案後 %(days)s 日止，期滿刪除聯絡資料；在臺灣，由服務中心及"
                "受轉介的合作單位，以電話、電子郵件、書面或到場訪視的方式利用。"
            )
            % {"days": days},
        ),
        (
            _("您的權利"),
            _(
                "依個人資料保護法第3條，您可以查詢或請求閱覽、請求製給複製本（案件頁面可下載"
                "本案全部資料）、請求補充或更正、請求停止蒐集處理或利用、請求刪除：請於案件"
                "頁面留言或撥打 0800-056-476。"
            ),
        ),
        (
            _("不提供的影響"),
            _(
                "您可以自由決定是否提供；不同意時無法在網站上受理諮詢，您仍可撥打 "
                "0800-056-476 由專人協助。"
            ),
        ),
    ]
