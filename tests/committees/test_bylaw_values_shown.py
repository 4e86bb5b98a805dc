"""Bylaw values and sectors are shown as words in the reader's language, not as stored codes."""

from __future__ import annotations

import pytest
from django.utils import translation

from rankfile.committees.bylaws import bylaw_value_shown
from rankfile.committees.forms import BylawsForm
from rankfile.committees.templatetags.committees_tags import sector_label
from tests.factories import page_text


def test_it_names_the_election_method_and_the_delegate_weight() -> None:
    assert bylaw_value_shown("stv") == "Single transferable vote (Scottish rules)"
    assert bylaw_value_shown("members_represented") == "Weighted by members represented"
    assert bylaw_value_shown(True) == "yes"
    assert bylaw_value_shown(72) == "72"


def test_it_names_them_in_spanish() -> None:
    with translation.override("es"):
        assert bylaw_value_shown(True) == "sí"
        assert bylaw_value_shown("stv") == "Voto único transferible (reglas escocesas)"
        assert sector_label("health") == "Salud"


def test_it_says_what_an_empty_bylaw_inherits_in_words() -> None:
    form = BylawsForm(inherited={"election_method": "irv", "vouches_needed": 2})
    assert "Instant runoff" in str(form.fields["election_method"].help_text)
    assert "(irv)" not in str(form.fields["election_method"].help_text)


@pytest.mark.django_db
def test_it_shows_the_method_by_name_on_the_committee_page(member_client, committee) -> None:
    text = page_text(member_client.get(f"/c/{committee.slug}/"))
    assert "Single transferable vote (Scottish rules)" in text
