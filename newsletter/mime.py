"""
Newsletter copies as ready-to-send bytes, for the SMTP fast path.

Python's ``email`` package spends most of its time folding headers, which is
the same for every copy of an issue. Here the shared parts are prepared once
per issue and each copy only adds what is its own (recipient, Message-ID,
unsubscribe link), quoted-printable encoded with ``binascii``. Tests parse
the result with the ``email`` package to hold it to the standard.
"""

import binascii
import uuid
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

CRLF = b"\r\n"


def _qp(text: str) -> bytes:
    body = text.replace("\r\n", "\n").encode("utf-8")
    encoded = binascii.b2a_qp(body, quotetabs=False, istext=True, header=False)
    return encoded.replace(b"\n", CRLF)


@dataclass
class IssueMessage:
    """What every copy of one issue shares."""

    from_email: str
    subject: str
    list_id: str
    boundary: str = field(default_factory=lambda: f"=_cctvfocus_{uuid.uuid4().hex}")

    def __post_init__(self):
        name, address = parseaddr(self.from_email)
        self.envelope_from = address
        self._from = (
            formataddr((Header(name, "utf-8").encode(), address)) if name else address
        )
        self._subject = Header(self.subject, "utf-8", maxlinelen=76).encode()

    def copy(
        self, *, to: str, message_id: str, unsubscribe_url: str, text: str, html: str
    ) -> bytes:
        headers = [
            f"From: {self._from}",
            f"To: {to}",
            f"Subject: {self._subject}",
            f"Date: {formatdate(localtime=False, usegmt=True)}",
            f"Message-ID: {message_id}",
            "MIME-Version: 1.0",
            f"List-Unsubscribe: <{unsubscribe_url}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            f"List-Id: {self.list_id}",
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"',
        ]
        boundary = self.boundary.encode()
        parts = []
        for subtype, body in (("plain", text), ("html", html)):
            parts.append(
                b"--"
                + boundary
                + CRLF
                + f"Content-Type: text/{subtype}; charset=utf-8".encode()
                + CRLF
                + b"Content-Transfer-Encoding: quoted-printable"
                + CRLF
                + CRLF
                + _qp(body)
                + CRLF
            )
        return (
            CRLF.join(h.encode("ascii") for h in headers)
            + CRLF
            + CRLF
            + b"".join(parts)
            + b"--"
            + boundary
            + b"--"
            + CRLF
        )
