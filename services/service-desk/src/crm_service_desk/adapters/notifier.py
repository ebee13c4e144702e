"""The notifier port's real parts: e-mail over SMTP (the standard library's client, in a
thread) and SMS through an HTTP provider (a JSON POST with a bearer key)."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

import httpx

from crm_common.settings import Settings
from crm_service_desk.application.ports import NotDelivered

SEND_TIMEOUT_SECONDS = 10.0


class ProviderNotifier:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def send_email(self, to: str, subject: str, text: str, reference: str) -> None:
        s = self._settings
        if s.smtp_host is None:
            raise NotDelivered("no SMTP server configured (CRM_SMTP_HOST)")
        message = EmailMessage()
        message["From"] = s.smtp_sender
        message["To"] = to
        message["Subject"] = subject
        # The reference in the id: a receiver can tell a resend from a new message.
        message["Message-ID"] = make_msgid(idstring=reference.replace(":", "."))
        message["X-CRM-Reference"] = reference
        message.set_content(text, cte="quoted-printable")
        try:
            await asyncio.to_thread(self._send, message)
        except (OSError, smtplib.SMTPException) as error:
            raise NotDelivered(f"SMTP: {error}") from error

    def _send(self, message: EmailMessage) -> None:
        s = self._settings
        assert s.smtp_host is not None
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=SEND_TIMEOUT_SECONDS) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username is not None and s.smtp_password is not None:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
            smtp.send_message(message)

    async def send_sms(self, to: str, text: str, reference: str) -> None:
        s = self._settings
        if s.sms_endpoint is None:
            raise NotDelivered("no SMS provider configured (CRM_SMS_ENDPOINT)")
        headers = {"Idempotency-Key": reference}
        if s.sms_api_key is not None:
            headers["Authorization"] = f"Bearer {s.sms_api_key.get_secret_value()}"
        try:
            async with httpx.AsyncClient(timeout=SEND_TIMEOUT_SECONDS) as client:
                response = await client.post(
                    s.sms_endpoint,
                    json={"to": to, "text": text, "reference": reference},
                    headers=headers,
                )
        except httpx.HTTPError as error:
            raise NotDelivered(f"SMS provider: {error}") from error
        if response.status_code >= 300:
            raise NotDelivered(f"SMS provider answered {response.status_code}")
