"""A fixed-window rate limit on the shared cache (Redis in production, see CACHE_URL).

Used where allauth's and django-axes's own limits do not reach, such as the public question form.
"""

from django.core.cache import cache


def client_address(request) -> str:
    """The client's address; behind N trusted proxies (PROXY_COUNT) from X-Forwarded-For."""
    from django.conf import settings

    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(key: str, *, limit: int, seconds: int) -> bool:
    """Counts one attempt for ``key``; True while the key stays within ``limit`` per window."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds)
        return True
    return count <= limit


def count(key: str) -> int:
    """The attempts ``hit`` counted for ``key`` in its current window (0 when none)."""
    return cache.get(f"ratelimit:{key}") or 0
