"""The SMTP sink the delivery benchmarks share (outbox_bench.py, followup_bench.py): a local aiosmtpd
server that counts what it receives by Message-ID, and the bookkeeping around killing a worker mid-run.

A duplicate can only come from a kill between the server's "250" after DATA and the UPDATE that marks the
message sent (see `outbox.services.deliver_due`): at each kill `Kills` notes the claims left
"sending" whose message the sink already has, and `tally` says how many duplicates those explain.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class CountingHandler:
    """Counts each received message by its Message-ID (no parsing beyond the header line)."""

    def __init__(self) -> None:
        self.received: Counter[bytes] = Counter()
        self.arrivals: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        found = MESSAGE_ID.search(envelope.content)
        with self.lock:
            self.received[found.group(1) if found else b"?"] += 1
            self.arrivals.append(time.monotonic())
        return "250 Message accepted for delivery"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def start_sink(handler: CountingHandler, port: int):
    """An aiosmtpd server on 127.0.0.1:`port` handing each message to `handler` (stop it with .stop())."""
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def kill_points(messages: int, kills: int) -> list[int]:
    """After how many arrivals to kill a worker: `kills` times, spread between 20 % and 80 %."""
    return [messages * (20 + 60 * i // max(kills - 1, 1)) // 100 for i in range(kills)]


class Kills:
    """SIGKILLs a worker (taking turns) each time the sink has received the next of `points` messages and
    starts it again at once; notes the claims it left "sending" whose message the sink already has."""

    def __init__(
        self,
        handler: CountingHandler,
        processes: list[subprocess.Popen],
        restart: Callable[[], subprocess.Popen],
        points: list[int],
    ) -> None:
        self.handler, self.processes, self.restart, self.points = handler, processes, restart, points
        self.after: list[int] = []  # how many messages had arrived at each kill
        self.in_window: set[bytes] = set()

    def check(self, received: int) -> None:
        if len(self.after) >= len(self.points) or received < self.points[len(self.after)]:
            return
        from tandem.outbox.models import OutboxMessage

        victim = len(self.after) % len(self.processes)
        self.processes[victim].send_signal(signal.SIGKILL)
        self.processes[victim].wait()
        self.after.append(received)
        sending = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING)
        with self.handler.lock:
            self.in_window |= {m.encode() for m in sending.values_list("message_id", flat=True)} & set(
                self.handler.received
            )
        self.processes[victim] = self.restart()


def stop_workers(processes: Iterable[subprocess.Popen]) -> None:
    """SIGTERM every worker, then wait up to a minute each before killing it."""
    processes = list(processes)
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def tally(handler: CountingHandler, ids: set[bytes], in_window: set[bytes]) -> dict[str, int]:
    """Delivered (distinct Message-IDs of the outbox that arrived), lost (never arrived), duplicated
    (arrived more than once) and how many of the duplicates the kills explain."""
    delivered = len(set(handler.received) & ids)
    return {
        "delivered": delivered,
        "lost": len(ids) - delivered,
        "duplicated": sum(count - 1 for count in handler.received.values() if count > 1),
        "duplicates_explained": sum(
            count - 1 for mid, count in handler.received.items() if count > 1 and mid in in_window
        ),
    }
