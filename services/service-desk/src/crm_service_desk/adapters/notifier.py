"""The notifier port's real parts: e-mail through the platform's mailer (crm_common.mail,
SMTP) and SMS through an HTTP provider (a JSON POST with a bearer key)."""

from __future__ import annotations

import smtplib

import httpx

from crm_common.mail import Mail, Mailer, SmtpMailer
from crm_common.settings import Settings
from crm_service_desk.application.ports import NotDelivered

SEND_TIMEOUT_SECONDS = 10.0


class ProviderNotifier:
    def __init__(self, settings: Settings, mailer: Mailer | None = None) -> None:
        self._settings = settings
        self._mailer = mailer or SmtpMailer(settings)

    async def send_email(self, to: str, subject: str, text: str, reference: str) -> None:
        # The reference in the id: a receiver can tell a resend from a new message.
        message_id = f"<{reference.replace(':', '.')}@service-desk.crm>"
        try:
            await self._mailer.send(Mail(to, subject, text, message_id))
        except (OSError, smtplib.SMTPException) as error:
            raise NotDelivered(f"SMTP: {error}") from error

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
