"""The finder's results link to the online application, through login or sign-up and back."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from smewindow.finder.state import InterviewState

from .conftest import link_in, path_of, press_button, sent, signup_data

pytestmark = pytest.mark.django_db


def test_results_link_to_the_application_and_back_after_sign_up() -> None:
    state = InterviewState().record({"industry": "25"}).encode()
    # In the 2025 round's window: a closed programme's card has no apply button.
    page = Client().get(f"/results?on=2025-04-01&state={state}").content.decode()
    apply_url = f"/apply/new?state={state}"
    assert f'href="{apply_url}">線上申請</a>' in page
    client = Client()
    response = client.get(apply_url)
    assert response["Location"] == f"/accounts/login/?next={quote(apply_url, safe='/')}"
    login_page = client.get(response["Location"]).content.decode()
    signup_link = f"/accounts/signup?next={quote(apply_url, safe='/')}"
    assert signup_link in login_page
    client.post("/accounts/signup", signup_data(next=apply_url))
    landing = press_button(client, path_of(link_in(sent()[0])))
    assert landing["Location"] == apply_url
    assert client.get(apply_url).status_code == 200
