"""Response headers shared by the middleware and whitenoise (imported by settings, so no Django imports here)."""

# Nothing on the site uses these; a page (or anything injected into one) may not ask for them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
STATIC_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'"


def static_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: static files answer with the same framing, sniffing and feature rules.

    An SVG or HTML file opened directly can run script; the strict policy stops it, and nothing may frame it."""
    headers["Content-Security-Policy"] = STATIC_CSP
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
