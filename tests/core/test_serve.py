"""`rankfile serve`: an ASGI server that keeps no access log, so no IP address is written."""

from __future__ import annotations

import sys
import types

from django.core.management import call_command


def test_it_serves_without_access_log_or_proxy_headers(monkeypatch, tmp_path, settings):
    started = {}
    fake_uvicorn = types.SimpleNamespace(
        run=lambda app, **options: started.update(options, app=app)
    )
    monkeypatch.setitem(sys.modules, "uvicorn", fake_uvicorn)
    settings.DATA_DIR = tmp_path / "data"
    call_command("serve", "--no-migrate", "--port", "8123", "--host", "127.0.0.1")
    assert started["app"] == "rankfile.asgi:application"
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    assert started["access_log"] is False
    assert started["proxy_headers"] is False
    assert settings.DATA_DIR.is_dir()
