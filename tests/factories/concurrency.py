"""Running calls at the same moment from several threads, each on its own database connection."""
import threading

from django.db import connections


def run_together(count: int, call) -> list:
    """Run `call(i)` in `count` threads released at the same moment; return their results in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = call(index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_each_together(work, arguments: list) -> list:
    """`work(argument)` for each argument, all released at the same moment; results in order.

    An exception comes back as ("error", repr) instead of being lost in its thread: the race
    tests assert there are none.
    """

    def call(index: int):
        try:
            return work(arguments[index])
        except Exception as error:  # noqa: BLE001
            return ("error", repr(error))

    return run_together(len(arguments), call)
