"""The folders rankfile writes in exist once `migrate` has run: the data folder, the SQLite
database's folder and the static root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_it_creates_the_folders_when_migrating_a_fresh_sqlite_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = tmp_path / "elsewhere" / "rankfile.sqlite3"
    env = {
        **os.environ,
        "RANKFILE_ENV": "test",
        "RANKFILE_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-m", "rankfile.cli", "migrate", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert database.is_file()
    assert (data / "static").is_dir()
