import hashlib

from django.conf import settings


def client_ip(request) -> str:
    """
    The reader's address, as far as it can be trusted.

    Behind ``TRUSTED_PROXY_COUNT`` proxies, the address is the one the outermost
    trusted proxy saw; anything further left in X-Forwarded-For is the
    client's own claim and is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hash_address(address: str) -> str:
    """A keyed hash of an address: comparable between records, useless elsewhere."""
    if not address:
        return ""
    key = settings.SECRET_KEY.encode()[:64]
    return hashlib.blake2b(address.encode(), key=key, digest_size=32).hexdigest()


def hashed_client_ip(request) -> str:
    return hash_address(client_ip(request))
