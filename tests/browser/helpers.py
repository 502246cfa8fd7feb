"""What the browser tests share: Debian's Chromium, a Chinese-speaking user's browser context with
axe-core watching every page, signing in, and where screenshots go."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

# axe-core, the pinned npm dev package (package.json); never copied into the served static files.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# GB/T 37668-2019 follows WCAG 2.1 level AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# Runs in every document before its own scripts (init scripts are not subject to the page's CSP):
# axe checks the document once it has loaded and again after every htmx swap, one run at a time,
# and hands each result to the test through a binding, announcing each run as it queues it.
WATCH = """
(() => {
  if (window.top !== window || location.protocol === "about:") return;  // frames are checked with their page
  const options = {runOnly: {type: "tag", values: %(tags)s}, resultTypes: ["violations"]};
  const first = (node) => [...node.any, ...node.all, ...node.none].map((check) => check.message)[0];
  const summary = (v) => ({id: v.id, impact: v.impact, help: v.help, first: first(v.nodes[0]),
                           targets: v.nodes.map((node) => node.target.join(" "))});
  let queue = Promise.resolve(), waiting = false;
  const check = () => {
    if (waiting) return;  // the run not yet started will see this state too (htmx settles each target)
    waiting = true;
    window.a11yReport({queued: true});
    queue = queue
      .then(() => { waiting = false; return axe.run(document, options); })
      .then((result) => ({url: location.href, violations: result.violations.map(summary)}))
      .catch((error) => ({url: location.href, error: String(error)}))
      .then(window.a11yReport);
  };
  addEventListener("load", check);
  document.addEventListener("htmx:afterSettle", check);
})();
"""


# How long a navigation waits for the checks of the page it leaves: long enough for a run under
# way (about a second), short of a step's timeout, since a run may itself wait for that navigation.
HELD_NAVIGATION_SECONDS = 5


class AccessibilityWatch:
    """The axe-core results of every document ``page`` shows. Before the browser leaves a document
    its navigation request waits for the runs under way there, so no page goes unchecked however
    fast a test moves on; ``finish`` waits for the last document's."""

    def __init__(self, page):
        if not AXE.exists():
            raise RuntimeError(f"{AXE} is missing: run npm ci (make install does)")
        self.page = page
        self.results = []
        self.running = 0
        page.expose_binding("a11yReport", self._report)
        page.add_init_script(path=AXE)
        page.add_init_script(script=WATCH % {"tags": json.dumps(AXE_TAGS)})
        page.route("**/*", self._before_request)

    def _report(self, _source, message) -> None:
        if message.get("queued"):
            self.running += 1
        else:
            self.running -= 1
            self.results.append(message)

    def _before_request(self, route, request):
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.wait(seconds=HELD_NAVIGATION_SECONDS)
        route.fallback()

    def wait(self, seconds: float = 30) -> None:
        """Lets the runs under way finish. (Playwright cannot evaluate in a page whose navigation
        request is held, but the page's own scripts go on and its bindings are heard.)"""
        for _ in range(int(seconds * 20)):
            if not self.running:
                return
            self.page.wait_for_timeout(50)
        # A run that has not answered is let go (report()): Chromium may hold a run of a page
        # whose navigation is pending until the navigation ends, which the route is holding.
        self.results.append({"url": self.page.url, "unfinished": f"no result after {seconds:g} s"})
        self.running = 0

    def finish(self) -> str:
        """The report of every serious or critical violation found ("" when there is none)."""
        if not self.page.is_closed():
            self.wait()
        return report(self.results)


def report(results) -> str:
    lines = []
    for result in results:
        if "unfinished" in result:  # not a violation: the page was left before its check answered
            continue
        if "error" in result:
            lines.append(f"{result['url']}: axe-core failed: {result['error']}")
            continue
        for violation in result["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = ", ".join(violation["targets"][:3])
                more = len(violation["targets"]) - 3
                lines.append(
                    f"{result['url']}: {violation['id']} ({violation['impact']}) {violation['help']}."
                    f" Elements ({len(violation['targets'])}): {targets}{f' and {more} more' if more > 0 else ''}."
                    f" The first: {violation['first']}"
                )
    return "\n".join(dict.fromkeys(lines))  # a page checked twice in the same state is reported once


def new_page(browser, **options):
    """A page in a fresh context of a Chinese-speaking user's browser; a step fails after 30 s (two test processes share two cores).
    ``page.failed_assets`` collects every stylesheet or script that did not load; ``page.a11y``
    runs axe-core on every document and htmx swap (conftest.py fails the test on its findings)."""
    # Reduced motion: Bootstrap then drops its colour transitions, so axe-core never measures a
    # button halfway between two colours (a contrast "violation" of no real page state).
    options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.failed_assets = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type in {"stylesheet", "script", "font"}
            and page.failed_assets.append(f"{response.status} {response.url}")
        ),
    )
    page.a11y = AccessibilityWatch(page)
    return context, page


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-submit]")
    page.wait_for_load_state()
