"""Run actions at the same moment, each on its own thread and database connection, to prove
that unique constraints and row locks design the races out."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_together(actions: list[Callable[[], object]]) -> list[BaseException | None]:
    """Start every action at the same moment; return each one's exception, or None."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[BaseException | None] = [None] * len(actions)

    def run(n: int) -> None:
        try:
            barrier.wait()
            actions[n]()
        except BaseException as error:  # reported to the test
            outcomes[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
