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
