"""The firm's forms. Every error names its field, in Chinese and English."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from smewindow.applications.identifiers import national_id_problem
from smewindow.catalog.models import Course

MAX_COST = 10_000_000
_UNSAFE = re.compile(r"[<>&\"'`\\{}\x00-\x1f\x7f]")


def _required(field: str) -> dict[str, str]:
    return {"required": f"{field}：必填 (required)"}


class TraineeForm(forms.Form):
    """A trainee: name, 身分證字號, cost, and the listed courses they take."""

    name = forms.CharField(
        max_length=100,
        error_messages={
            **_required("姓名"),
            "max_length": "姓名：最多 100 字 (name: 100 characters at most)",
        },
    )
    national_id = forms.CharField(
        max_length=10,
        error_messages={
            **_required("身分證字號"),
            "max_length": "身分證字號：須為 10 碼 (national ID: 10 characters)",
        },
    )
    cost = forms.IntegerField(
        min_value=0,
        max_value=MAX_COST,
        error_messages={
            **_required("訓練費用"),
            "invalid": "訓練費用：請填整數金額（新臺幣元）(cost: a whole number of NT$)",
            "min_value": "訓練費用：不可為負數 (cost: cannot be negative)",
            "max_value": "訓練費用：金額過大 (cost: too large)",
        },
    )
    courses = forms.ModelMultipleChoiceField(
        queryset=Course.objects.filter(is_approved=True),
        error_messages={
            **_required("課程"),
            "invalid_choice": "課程：請選擇公告清單上的課程 (courses: choose listed courses)",
            "invalid_pk_value": "課程：課程編號不正確 (courses: bad course id)",
            "list": "課程：請選擇公告清單上的課程 (courses: choose listed courses)",
        },
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name or _UNSAFE.search(name):
            raise ValidationError("姓名：請填寫姓名，不可含 < > & 引號等符號 (name: letters only)")
        return name

    def clean_national_id(self) -> str:
        value: str = self.cleaned_data["national_id"].strip()
        problem = national_id_problem(value)
        if problem:
            raise ValidationError(f"身分證字號：{problem[0]} (national ID: {problem[1]})")
        return value


class DocumentForm(forms.Form):
    file = forms.FileField(
        error_messages={
            **_required("檔案"),
            "invalid": "檔案：請選擇檔案 (file: choose a file)",
            "empty": "檔案：檔案是空的 (file: the file is empty)",
        }
    )
