"""The e-mail port every service sends through (notifications, care messages): SMTP to the
relay the settings name, with a stable Message-ID per mail so a resend after a crash is the
same message to the receiving side."""

from __future__ import annotations

import asyncio
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from crm_common.settings import Settings


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    text: str
    message_id: str
    """``<unique@domain>``, stable for the same mail."""


class Mailer(Protocol):
    async def send(self, mail: Mail) -> None: ...


class SmtpMailer:
    """Plain SMTP (STARTTLS and login when configured); the blocking client runs in a thread."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def send(self, mail: Mail) -> None:
        await asyncio.to_thread(self._send, mail)

    def _send(self, mail: Mail) -> None:
        s = self._settings
        message = EmailMessage()
        message["From"] = s.smtp_sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Message-ID"] = mail.message_id
        message.set_content(mail.text)
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=15) as client:
            if s.smtp_starttls:
                client.starttls()
            if s.smtp_username and s.smtp_password is not None:
                client.login(s.smtp_username, s.smtp_password.get_secret_value())
            client.send_message(message)
