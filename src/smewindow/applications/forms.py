"""The firm's forms. Every error names its field, in Chinese and English."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from smewindow.applications.identifiers import national_id_problem
from smewindow.applications.refusals import MAX_COST
from smewindow.catalog.models import Course, SoftwareProduct
from smewindow.rules.cleantext import without_bidi

_UNSAFE = re.compile(r"[<>&\"'`\\{}\x00-\x1f\x7f]")


def _required(field: str) -> dict[str, str]:
    return {"required": f"{field}：必填 (required)"}


def _cost(label: str) -> forms.IntegerField:
    """A whole number of NT$ from 0 to ``MAX_COST``."""
    return forms.IntegerField(
        min_value=0,
        max_value=MAX_COST,
        error_messages={
            **_required(label),
            "invalid": f"{label}：請填整數金額（新臺幣元）(cost: a whole number of NT$)",
            "min_value": f"{label}：不可為負數 (cost: cannot be negative)",
            "max_value": f"{label}：金額過大 (cost: too large)",
        },
    )


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
    cost = _cost("訓練費用")
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
        name: str = without_bidi(self.cleaned_data["name"]).strip()
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

    def clean_file(self) -> UploadedFile[bytes]:
        """The file, its name without bidirectional controls (it is shown and downloaded)."""
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        upload.name = without_bidi(upload.name or "") or "file"
        return upload


class SoftwareForm(forms.Form):
    """Software from the published list bought with the courses, and its cost."""

    product = forms.ModelChoiceField(
        queryset=SoftwareProduct.objects.filter(is_approved=True),
        error_messages={
            **_required("軟體"),
            "invalid_choice": "軟體：請選擇公告名單上的軟體 (software: choose listed software)",
        },
    )
    cost = _cost("軟體費用")
