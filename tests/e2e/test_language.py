"""Spanish, chosen with the language switch in the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SmallFederation, VisitorFactory

pytestmark = pytest.mark.e2e


def test_the_language_switch_shows_my_committees_in_spanish(
    visit: VisitorFactory, small_federation: SmallFederation
) -> None:
    chair = visit()
    chair.log_in("chair")
    expect(chair.page.get_by_role("heading", level=1)).to_have_text("My committees")
    header = chair.page.locator("header")
    header.get_by_label("Language").select_option("es")
    header.get_by_role("button", name="Change").click()

    expect(chair.page.locator("html")).to_have_attribute("lang", "es")
    expect(chair.page.get_by_role("heading", level=1)).to_have_text("Mis comités")
    card = chair.page.locator(".card").filter(has_text=small_federation.garage.name)
    expect(card).to_contain_text("Centro de trabajo · Transporte público · US/MN/Minneapolis")
    expect(card.get_by_role("link", name="Vista de la federación")).to_be_visible()
    expect(chair.page.get_by_role("link", name="Fundar un comité")).to_be_visible()
    expect(header.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    expect(chair.page.locator("footer")).to_have_text(
        "rankfile no guarda direcciones IP ni hace solicitudes a otros sitios."
    )
