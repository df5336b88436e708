"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd) that can refuse before it accepts.

`refuse_times` deliveries are answered with a temporary failure (451) at DATA, then every
delivery is accepted and kept in `messages`; addresses in `refuse_recipients` get a
permanent 550 at RCPT.
"""
from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

TEMPORARY_FAILURE = "451 4.3.0 Mailbox busy, try again later"
UNKNOWN_USER = "550 5.1.1 No such user"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FlakyHandler:
    """aiosmtpd handler: refuse some deliveries, keep the rest."""

    def __init__(self, *, refuse_times: int = 0, refuse_recipients: set[str] | None = None):
        self.refuse_times = refuse_times
        self.refuse_recipients = set(refuse_recipients or ())
        self.refused = 0
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return UNKNOWN_USER
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.refused < self.refuse_times:
                self.refused += 1
                return TEMPORARY_FAILURE
            self.messages.append(message_from_bytes(envelope.original_content or envelope.content,
                                                    policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpServer:
    """Start/stop wrapper; `port` is chosen free on 127.0.0.1."""

    def __init__(self, **handler_options):
        self.handler = FlakyHandler(**handler_options)
        self.port = _free_port()
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
