"""The reports in a real browser: headless Chromium driven by Playwright, from file://.

Run with ``python -m pytest tests/test_browser.py -m browser``; needs Debian's
Chromium (``apt-get install -y chromium fonts-noto-cjk``). Screenshots go to
``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mtcheck.report import write_reports
from report_fixtures import make_run

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Hostile content that would set a flag or open a dialog if it ever ran.
HOSTILE_SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror="window.__pwned = 2; alert(2)">'

if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium (install with: apt-get install -y chromium fonts-noto-cjk)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_reports(make_run(), out)
    return out


class Page:
    """A browser page that records dialogs, script errors and network requests."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, **context)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        return self.page

    def shot(self, name: str, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page)
        return target

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    opened = Page(browser)
    yield opened
    assert opened.errors == []
    assert [url for url in opened.requests if not url.startswith("file://")] == []
    opened.close()


def visible_rows(page: Any, table: str) -> int:
    return int(page.locator(f"#{table} tbody tr:visible").count())


def test_overview_shows_scores_and_counts(page: Page, report_dir: Path) -> None:
    view = page.open(report_dir / "index.html")
    assert view.title() == "shoigu-visits-iran — mtcheck"
    ru = view.locator("#overview tr[data-lang='ru']")
    assert "58.2" in ru.inner_text() and "80.0%" in ru.inner_text()
    status = view.locator("tr[data-lang='ja'] td.rt-status").first
    assert "not evaluated" in status.inner_text()
    assert not status.get_by_text("no model for ja").is_visible()
    status.get_by_text("why").click()
    assert status.get_by_text("no model for ja").is_visible()
    assert view.locator("#chart-scores > svg").is_visible()
    assert view.get_by_role("link", name="Name matrix").is_visible()
    assert "Quality gate: ✖ failed" in view.locator("#gate-summary").inner_text()
    page.shot("overview")


def test_overview_sorts_columns(page: Page, report_dir: Path) -> None:
    view = page.open(report_dir / "index.html")
    order = lambda: view.locator("#overview tbody tr").evaluate_all(  # noqa: E731
        "rows => rows.map(r => r.dataset.lang)"
    )
    assert order() == ["ru", "ja"]
    chrf = view.locator("#overview thead th", has_text="chrF").first
    chrf.get_by_role("button").click()
    assert chrf.get_attribute("aria-sort") == "ascending"
    assert order() == ["ja", "ru"]
    chrf.get_by_role("button").click()
    assert chrf.get_attribute("aria-sort") == "descending"
    assert order() == ["ru", "ja"]
    language = view.locator("#overview thead th", has_text="Language").first
    language.get_by_role("button").click()
    assert order() == ["ja", "ru"]  # Japanese < Russian


def test_translation_page_filters_rows(page: Page, report_dir: Path) -> None:
    view = page.open(report_dir / "ja.html")
    assert visible_rows(view, "segments") == 6
    assert view.locator("#filter-status").inner_text() == "Showing 6 of 6 segments."
    view.get_by_label("Only segments with findings").check()
    assert visible_rows(view, "segments") == 4
    assert view.locator("#filter-status").inner_text() == "Showing 4 of 6 segments."
    view.get_by_label("Only segments with findings").uncheck()
    view.locator("#score-key").select_option("reference.chrF")
    view.locator("#score-max").fill("50")
    # 88.0, 70.0 and 95.0 hide; 45.5, 12.5 and the unscored added sentence stay.
    assert visible_rows(view, "segments") == 3
    assert view.locator("#row-2").is_visible() and not view.locator("#row-0").is_visible()
    page.shot("ja-filtered")


def test_translation_page_shows_evidence(page: Page, report_dir: Path) -> None:
    view = page.open(report_dir / "ru.html")
    assert "merged 2–1" in view.locator("#row-1 th").inner_text()
    assert "omitted" in view.locator("#row-3 th").inner_text()
    assert view.locator("#t-2 .tag-glued").is_visible()
    variant = view.locator("#t-2 a.name-variant")
    assert "Шойга" in variant.inner_text() and "variant" in variant.inner_text()
    tip = view.locator("#row-3 .flag .tip").first
    assert not tip.is_visible()
    view.locator("#row-3 .flag").first.focus()
    assert tip.is_visible()
    assert tip.inner_text() == "Source sentence 4 has no counterpart"
    view.locator("#row-1 .flag").first.hover()
    assert "Number 3 in the source became 4" in view.locator("#row-1 .flag .tip").first.inner_text()
    page.shot("ru")
    view.emulate_media(media="print")
    assert not view.locator("#segment-controls").is_visible()
    page.shot("ru-print")


def test_cjk_page_and_name_matrix(page: Page, report_dir: Path) -> None:
    view = page.open(report_dir / "ja.html")
    assert "ショイグ" in view.locator("#t-0").inner_text()
    page.shot("ja")
    view = page.open(report_dir / "names.html")
    row = view.locator("#e-shoigu")
    assert "Шойга ×1" in row.inner_text() and "glossary:" in row.inner_text()
    assert "missing" in view.locator("#e-tehran").inner_text()
    page.shot("names")
    row.locator("a[href='ja.html#t-0']").click()
    assert view.url.endswith("ja.html#t-0")
    assert view.locator("#t-0").is_visible()


def test_pages_read_without_javascript(browser: Any, report_dir: Path) -> None:
    recorder = Page(browser, java_script_enabled=False)
    try:
        view = recorder.open(report_dir / "ja.html")
        assert visible_rows(view, "segments") == 6
        assert not view.locator("#segment-controls").is_visible()
        assert "ショイグ" in view.locator("#t-0").inner_text()
        recorder.shot("ja-nojs", full_page=False)
    finally:
        recorder.close()


def test_hostile_input_stays_inert(page: Page, tmp_path: Path) -> None:
    hostile = f"Шойгу {HOSTILE_SCRIPT} {HOSTILE_ATTR} \u202egnp.exe"
    run = make_run(source_path=f"{HOSTILE_ATTR}{HOSTILE_SCRIPT}.txt", ru_first_sentence=hostile)
    run = dataclasses.replace(run, document_id=HOSTILE_SCRIPT)
    write_reports(run, tmp_path)
    for name in ("index.html", "ru.html", "names.html"):
        view = page.open(tmp_path / name)
        view.wait_for_timeout(200)  # give an injected onerror handler its chance to run
        assert view.evaluate("window.__pwned") is None, name
        assert view.locator("img").count() == 0, name
    view = page.open(tmp_path / "ru.html")
    sentence = view.locator("#t-0").inner_text()
    assert HOSTILE_SCRIPT in sentence and "[RLO]gnp.exe" in sentence
    assert page.dialogs == []
    page.shot("hostile")
