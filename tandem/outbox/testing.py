"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 and a free port, recording what it accepts.

with running_smtp_server() as server:
    server.refuse("RCPT", "550 5.1.1 No such person")   # the next recipient is refused once
    ...
    assert server.message_ids() == [...]
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

ACCEPTED = "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    """Accepts every message unless a reply was scripted for the next RCPT or DATA."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.scripted: dict[str, deque[str]] = {"RCPT": deque(), "DATA": deque()}
        self.lock = threading.Lock()

    def _scripted(self, stage: str) -> str | None:
        with self.lock:
            return self.scripted[stage].popleft() if self.scripted[stage] else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802
        reply = self._scripted("RCPT")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        reply = self._scripted("DATA")
        if reply:
            return reply
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        message["X-Peer"] = f"{session.peer[0]}:{session.peer[1]}"  # one per SMTP connection
        with self.lock:
            self.messages.append(message)
        return ACCEPTED


class SmtpServer:
    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        with self.handler.lock:
            return list(self.handler.messages)

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]

    def connections(self) -> set[str]:
        """The client ends (address:port) of the connections that delivered a message."""
        return {str(message["X-Peer"]) for message in self.messages}

    def refuse(self, stage: str, reply: str, times: int = 1) -> None:
        """Answer the next `times` RCPT or DATA commands with `reply`, e.g. "421 4.3.0 Try later"."""
        with self.handler.lock:
            self.handler.scripted[stage].extend([reply] * times)

    def wait_for(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@contextlib.contextmanager
def running_smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.controller.start()
    try:
        yield server
    finally:
        server.controller.stop()
