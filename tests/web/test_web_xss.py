"""Outside text full of XSS payloads renders as text: no script runs, in a real browser.

The browser context bypasses the Content-Security-Policy, so escaping and sanitising
alone must hold; a second test checks the CSP itself reports no violation.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import feedparser
import pytest
from sqlalchemy import update
from web_world import build_world

from newsprism.config import Settings
from newsprism.store.db import Store
from newsprism.store.schema import Article, Outlet

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<script>alert(1)</script>",
    "<img src=x onerror=window.__xss=1>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=window.__xss=1>",
    "<svg/onload=alert(1)>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=alert(1)>",
    "</script><script>window.__xss=1</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>window.__xss=1</script>",
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='alert(1)' autofocus='",
    "<iframe src=javascript:window.__xss=1></iframe>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "<body onload=window.__xss=1>",
    "<body onpageshow=alert(1)>",
    "<details open ontoggle=window.__xss=1>",
    "<a href=javascript:window.__xss=1>click</a>",
    "<input autofocus onfocus=window.__xss=1>",
    "<select autofocus onfocus=alert(1)></select>",
    "<textarea autofocus onfocus=alert(1)></textarea>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=window.__xss=1>",
    "<object data=javascript:window.__xss=1></object>",
    '<object data="data:text/html,<script>parent.__xss=1</script>"></object>',
    "<embed src=javascript:window.__xss=1>",
    "<form action=javascript:window.__xss=1><button>go</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    "<base href=javascript:window.__xss=1//>",
    "<style>@import 'javascript:window.__xss=1';</style>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:window.__xss=1"><text x=20 y=20>XSS</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<img srcset=x onerror=window.__xss=1>",
    "<IMG SRC=JaVaScRiPt:window.__xss=1>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<script src=data:,window.__xss=1></script>",
    '<!--<img src="--><img src=x onerror=window.__xss=1//">',
    '<div style="background:url(javascript:window.__xss=1)">x</div>',
    "<x contenteditable autofocus onfocus=window.__xss=1>y</x>",
    "<a id=x tabindex=1 autofocus onfocusin=window.__xss=1></a>",
    "<link rel=stylesheet href=javascript:window.__xss=1>",
    "]]><script>window.__xss=1</script>",
    "\u2028</script><script>window.__xss=1</script>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__xss=1&#62;",
    "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
    "{{ 7*7 }}<script>window.__xss=1</script>",
    "{% raw %}<img src=x onerror=window.__xss=1>",
    "<template><script>window.__xss=1</script></template><img src=x onerror=window.__xss=1>",
    "<table><td background=javascript:window.__xss=1>",
    "<button formaction=javascript:window.__xss=1>b</button>",
    "<isindex type=image src=1 onerror=window.__xss=1>",
    "<xss id=x onbeforescriptexecute=window.__xss=1></xss>",
]
URL_PAYLOADS = [
    "javascript:window.__xss=1",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " javascript:window.__xss=1",
    "vbscript:msgbox(1)",
]


@pytest.fixture
def hostile_site(
    settings: Settings, sqlite_store: Store, serve_app: Callable[[Settings, Store], str]
) -> tuple[str, Any, set[str]]:
    used: set[str] = set()
    cycle = itertools.cycle(PAYLOADS)

    def poison(text: str) -> str:
        payload = next(cycle)
        used.add(payload)
        return f"{text} {payload}"

    world = build_world(sqlite_store, text_of=poison)
    with sqlite_store.session() as s:
        for (slug, aid), bad in zip(
            world.articles.items(), itertools.cycle(URL_PAYLOADS), strict=False
        ):
            s.execute(update(Article).where(Article.id == aid).values(url=bad))
            s.execute(update(Outlet).where(Outlet.id == world.outlets[slug]).values(homepage=bad))
    base = serve_app(settings, sqlite_store)
    return base, world, used


def _visit_all(page: Any, base: str, world: Any) -> None:
    paths = [
        f"/story/{world.story}",
        f"/story/{world.bare_story}",
        "/",
        "/latest",
        "/blindspot",
        "/category/world",
        "/tag/Belarus",
        "/outlets",
        "/outlet/leftwire",
        "/search?q=belarus",
        "/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        f"/embed/story/{world.story}",
    ]
    for path in paths:
        page.goto(base + path, wait_until="load")
        # open every landscape bar and every citation: payloads bound to toggles or focus
        for bar in page.locator("details").all():
            bar.locator("summary").click()
        for marker in page.locator(".cite-n").all()[:12]:
            marker.click()
            page.keyboard.press("Escape")
            page.mouse.move(0, 0)
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
                 .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"""
        )
        assert handlers == [], path
        scripts = page.evaluate(
            "() => [...document.scripts].map(s => s.src ? new URL(s.src).pathname : s.type)"
        )
        assert all(s in ("/static/site.js", "application/ld+json") for s in scripts), path
        hrefs = page.evaluate("() => [...document.links].map(a => a.protocol)")
        assert set(hrefs) <= {"http:", "https:"}, path


def test_fifty_payloads_in_outside_text_run_no_script(
    hostile_site: tuple[str, Any, set[str]], browser: Any
) -> None:
    base, world, used = hostile_site
    assert len(used) >= 50
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _visit_all(page, base, world)
    # the payloads are shown as text, not dropped
    page.goto(f"{base}/story/{world.story}")
    assert "<script>window.__xss=1</script>" in page.locator("body").inner_text()
    context.close()
    assert dialogs == []


def test_content_security_policy_reports_no_violation_on_hostile_pages(
    hostile_site: tuple[str, Any, set[str]], browser: Any
) -> None:
    base, world, _ = hostile_site
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path in (f"/story/{world.story}", "/", "/outlet/leftwire", f"/embed/story/{world.story}"):
        page.goto(base + path, wait_until="load")
        assert page.evaluate("window.__csp") == [], path
    context.close()


def test_hostile_titles_keep_feeds_well_formed(
    hostile_site: tuple[str, Any, set[str]],
) -> None:
    import httpx

    base, _world, _ = hostile_site
    for path in ("/feed.rss", "/feed.atom", "/sitemap.xml"):
        response = httpx.get(base + path)
        assert response.status_code == 200
        if path != "/sitemap.xml":
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            assert any("<script>" in e.title for e in parsed.entries)
