"""What the browser tests share: Debian's Chromium, a Chinese-speaking user's browser context,
signing in, and where screenshots go."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def new_page(browser, **options):
    """A page in a fresh context of a Chinese-speaking user's browser; a step fails after 30 s (two test processes share two cores).
    ``page.failed_assets`` collects every stylesheet or script that did not load."""
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.failed_assets = []
    page.on(
        "response",
        lambda response: response.status >= 400
        and response.request.resource_type in {"stylesheet", "script", "font"}
        and page.failed_assets.append(f"{response.status} {response.url}"),
    )
    return context, page


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-submit]")
    page.wait_for_load_state()
