import re
from pathlib import Path

import concentric

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)


def test_every_response_carries_the_security_headers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "http" not in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) == 16


def test_no_template_loads_anything_from_another_origin():
    root = Path(concentric.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "static/vendor" not in str(path) and EXTERNAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_template_uses_inline_script_or_style_attributes():
    root = Path(concentric.__file__).parent
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "static/vendor" not in str(path) and inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_client_ip_trusts_only_the_configured_number_of_proxies(rf, settings):
    from concentric.core.middleware import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.1.1, 10.0.0.2", REMOTE_ADDR="10.0.0.9")
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXIES = 2
    assert client_ip(request) == "10.1.1.1"
    settings.TRUSTED_PROXIES = 5
    assert client_ip(request) == "10.0.0.9"
