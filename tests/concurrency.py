"""Run actions at the same moment, each on its own thread and database connection, to prove
that unique constraints and row locks design the races out."""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from asgiref.sync import async_to_sync
from django.db import connections

T = TypeVar("T")


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


def run_async(function: Callable[..., Awaitable[T]], *args: object) -> T:
    """`async_to_sync(function)(*args)` on a thread of its own: Playwright's sync API (the
    end-to-end tests) leaves an event loop marked as running in the test's thread, and
    async_to_sync refuses to run where a loop is running."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(async_to_sync(function), *args).result()
