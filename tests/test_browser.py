"""The reports in a real browser: headless Chromium driven by Playwright, from file://.

Run with ``python -m pytest tests/test_browser.py -m browser``; needs Debian's
Chromium (``apt-get install -y chromium fonts-noto-cjk``). Screenshots go to
``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import dataclasses
import os
import re
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
def driver() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(driver: Any) -> Iterator[Any]:
    launched = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=LAUNCH_ARGS)
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


# --------------------------------------------------------------------------- the demo corpus
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpora" / "shoigu-visits-iran"

# Draws each distinct character of the page's text (in the font its element uses) and
# compares the pixels with a character no font has (U+0378, unassigned): equal pixels
# mean the browser drew the .notdef box ("tofu") because no installed font has the glyph.
MISSING_GLYPHS_JS = """() => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  ctx.canvas.width = 48; ctx.canvas.height = 48;
  const draw = (ch, font) => {
    ctx.clearRect(0, 0, 48, 48); ctx.font = '24px ' + font; ctx.fillText(ch, 8, 32);
    return ctx.getImageData(0, 0, 48, 48).data.join(',');
  };
  const seen = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const font = getComputedStyle(n.parentElement).fontFamily;
    for (const ch of n.data) if (ch.codePointAt(0) > 0x7f && !seen.has(ch)) seen.set(ch, font);
  }
  const tofu = {}; const missing = [];
  for (const [ch, font] of seen) {
    if (!(font in tofu)) tofu[font] = draw('\\u0378', font);
    if (draw(ch, font) === tofu[font]) missing.push(ch);
  }
  return {chars: [...seen.keys()].join(''), missing: missing.join('')};
}"""


def _script(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "UNKNOWN").split()[0]


def _letters(text: str) -> str:
    import unicodedata

    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's demo run (lenient gate, no back-translation), rendered once."""
    from click.testing import CliRunner

    from mtcheck.cli import main

    if not (DEMO / "manifest.toml").is_file():
        pytest.skip("demo corpus not present")
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner(env={"HF_HUB_OFFLINE": "1"}).invoke(main, [
        "evaluate", str(DEMO), "--config", str(ROOT / "configs" / "lenient.toml"), "--gate",
        "--no-backtranslation", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def _missing_glyphs(browser: Any, pages: list[Path]) -> tuple[dict[str, str], set[str]]:
    """(page -> characters drawn as tofu, scripts seen) over the given pages."""
    recorder = Page(browser)
    missing: dict[str, str] = {}
    scripts: set[str] = set()
    try:
        for path in pages:
            found = recorder.open(path).evaluate(MISSING_GLYPHS_JS)
            scripts |= {_script(c) for c in _letters(found["chars"])}
            letters = _letters(found["missing"])
            if letters:
                missing[path.name] = letters
    finally:
        recorder.close()
    return missing, scripts


def test_every_script_of_the_corpus_has_glyphs(browser: Any, demo_dir: Path) -> None:
    """No page draws a box for a letter: Devanagari (sa), Hangul, kana, CJK, Greek, Cyrillic."""
    missing, scripts = _missing_glyphs(browser, sorted(demo_dir.glob("*.html")))
    by_script = {page: sorted({_script(c) for c in chars}) for page, chars in missing.items()}
    assert missing == {}, f"no font for {by_script} (install fonts-noto-core, fonts-noto-cjk)"
    assert {"DEVANAGARI", "HANGUL", "CJK", "KATAKANA", "GREEK", "CYRILLIC"} <= scripts


def test_missing_glyph_check_catches_a_machine_without_the_fonts(
    driver: Any, demo_dir: Path, tmp_path: Path
) -> None:
    """With only DejaVu visible to fontconfig, the check reports Devanagari, Hangul and CJK."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("no DejaVu fonts to build the font-poor machine from")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8")
    poor = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                  args=LAUNCH_ARGS, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    try:
        missing, _ = _missing_glyphs(poor, [demo_dir / "sa.html", demo_dir / "ko.html",
                                            demo_dir / "zh.html"])
    finally:
        poor.close()
    assert {_script(c) for c in missing.get("sa.html", "")} == {"DEVANAGARI"}
    assert "HANGUL" in {_script(c) for c in missing.get("ko.html", "")}
    assert "CJK" in {_script(c) for c in missing.get("zh.html", "")}


def _overflowing(view: Any, selector: str) -> list[str]:
    return list(view.evaluate(
        """(sel) => [...document.querySelectorAll(sel)]
             .filter(e => e.scrollWidth > e.clientWidth + 1)
             .map(e => (e.id || e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth)""",
        selector))


def test_overview_fits_1024_pixels(browser: Any, demo_dir: Path) -> None:
    """Total and Gate columns and the caption are on screen at 1024 px, without scrolling."""
    recorder = Page(browser)
    try:
        recorder.page.set_viewport_size({"width": 1024, "height": 800})
        view = recorder.open(demo_dir / "index.html")
        assert _overflowing(view, ".wide, #overview, #overview caption") == []
        assert view.evaluate("document.documentElement.scrollWidth") <= 1024
        for header in ("total", "Gate"):
            box = view.locator("#overview thead th", has_text=header).last.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 1024, header
        caption = view.locator("#overview caption").bounding_box()
        assert caption is not None and caption["x"] + caption["width"] <= 1024
        recorder.shot("demo-index-1024", full_page=False)
    finally:
        recorder.close()


def test_name_matrix_fits_1400_pixels_with_a_fixed_name_column(browser: Any,
                                                               demo_dir: Path) -> None:
    recorder = Page(browser)
    try:
        recorder.page.set_viewport_size({"width": 1400, "height": 900})
        view = recorder.open(demo_dir / "names.html")
        assert _overflowing(view, ".wide, #names") == []
        assert view.evaluate("document.documentElement.scrollWidth") <= 1400
        sticky = view.locator("#names tbody th").first.evaluate(
            "e => getComputedStyle(e).position")
        assert sticky == "sticky"
        recorder.shot("demo-names-1400", full_page=False)
    finally:
        recorder.close()


def test_gate_section_groups_skips_and_wraps_keys_at_dots(browser: Any, demo_dir: Path) -> None:
    recorder = Page(browser)
    try:
        recorder.page.set_viewport_size({"width": 560, "height": 900})
        view = recorder.open(demo_dir / "index.html")
        statuses = view.locator("#gate-checks tbody td:first-child").all_inner_texts()
        assert statuses and not any("skip" in s for s in statuses)
        skipped = view.locator("#gate-skipped li").all_inner_texts()
        assert 1 <= len(skipped) <= 3
        assert all(re.search(r"skipped \d+ checks? \(", line) for line in skipped)
        headers = [h.strip() for h in view.locator("#gate-checks thead th").all_inner_texts()]
        assert "p" not in headers  # no baseline: the p column would be empty
        # Where a key wraps, the line ends right after a dot: never "findings.error.ma / x".
        bad = view.evaluate("""() => {
          const bad = [];
          for (const code of document.querySelectorAll('#gate-checks code.key')) {
            const text = code.textContent; const range = document.createRange();
            const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
            const nodes = []; for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
            let top = null, prev = '';
            for (const n of nodes) for (let i = 0; i < n.data.length; i++) {
              range.setStart(n, i); range.setEnd(n, i + 1);
              const t = range.getBoundingClientRect().top;
              if (top !== null && t > top + 2 && prev !== '.') bad.push(text);
              top = t; prev = n.data[i];
            }
          }
          return bad;
        }""")
        assert bad == []
        wrapped = view.evaluate("""() => [...document.querySelectorAll('#gate-checks code.key')]
            .some(c => c.getClientRects().length > 1)""")
        assert wrapped  # the narrow window did make some keys wrap
    finally:
        recorder.close()


def test_gate_callout_says_what_the_config_allowed(page: Page, demo_dir: Path) -> None:
    view = page.open(demo_dir / "index.html")
    callout = view.locator("#gate-summary").inner_text()
    assert re.search(r"passed: at most 10 errors per translation allowed, worst has \d+ "
                     r"\([a-z]+\)", callout), callout
    allowed = view.locator("#gate-allowed li").all_inner_texts()
    assert any(text.startswith("coverage of at least 80% required") for text in allowed)


def test_score_pills_stay_inside_their_column(page: Page, tmp_path: Path) -> None:
    """A "round-trip semantic" pill wraps inside the scores column instead of overflowing."""
    run = make_run()
    ru = run.translations[0]
    segments = tuple(dataclasses.replace(s, scores={**s.scores, "roundtrip.semantic": 0.912})
                     for s in ru.segments)
    run = dataclasses.replace(run, translations=(dataclasses.replace(ru, segments=segments),
                                                 *run.translations[1:]))
    write_reports(run, tmp_path)
    for width in (1366, 1024, 800):
        page.page.set_viewport_size({"width": width, "height": 900})
        view = page.open(tmp_path / "ru.html")
        assert view.locator(".score[data-key='roundtrip.semantic']").count() > 0
        outside = view.evaluate("""() => [...document.querySelectorAll('td.rowflags .score')]
            .filter(s => { const a = s.getBoundingClientRect();
                           const b = s.closest('td').getBoundingClientRect();
                           return a.right > b.right + 0.5 || s.scrollWidth > s.clientWidth + 1; })
            .map(s => s.dataset.key)""")
        assert outside == [], width


def test_compare_page_reads_at_1024_pixels(page: Page, tmp_path: Path) -> None:
    """The comparison page: both systems, p-values with significance marks, no overflow."""
    from gate_fixtures import standard_run
    from mtcheck.compare import compare_runs
    from mtcheck.report.compare_page import render_comparison
    from test_compare import _with_german

    baseline = standard_run(tmp_path / "a")
    system = _with_german(baseline, tmp_path / "b", every=3)
    html = tmp_path / "compare.html"
    html.write_text(render_comparison(compare_runs(baseline, system, baseline_label="a.json",
                                                   system_label="b.json")), encoding="utf-8")
    page.page.set_viewport_size({"width": 1024, "height": 800})
    view = page.open(html)
    assert _overflowing(view, ".wide, table.compare") == []
    de = view.locator("#compare-de")
    assert de.locator("thead th").all_inner_texts()[1:3] == ["A (baseline)", "B (system)"]
    assert de.locator(".sig-mark").count() >= 2 and de.locator(".sig-mark").first.is_visible()
    assert view.locator("#compare-fr .sig-mark").count() == 0
    page.shot("compare", full_page=False)


def test_every_script_of_every_shipped_corpus_has_glyphs(page: Page, tmp_path: Path) -> None:
    """Each corpus text's letters, under its language tag and the reports' own CSS."""
    import html
    from importlib import resources

    import tomllib

    style = resources.files("mtcheck.report").joinpath("templates/_style.css").read_text(
        encoding="utf-8")
    blocks: list[str] = []
    for manifest in sorted(ROOT.glob("corpora/**/manifest.toml")):
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        files = [(data["document"].get("source_language", "en"), data["document"]["source"])]
        for table in ("translations", "references"):
            files += [(lang, path) for lang, path in data.get(table, {}).items()
                      if isinstance(path, str)]
        for lang, path in files:
            text = (manifest.parent / path).read_text(encoding="utf-8")
            letters = "".join(dict.fromkeys(_letters(text)))
            blocks.append(f'<p lang="{html.escape(lang)}">{html.escape(letters)}</p>')
    assert blocks
    sample = tmp_path / "scripts.html"
    sample.write_text(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>"
                      f"{style}</style></head><body>{''.join(blocks)}</body></html>",
                      encoding="utf-8")
    found = page.open(sample).evaluate(MISSING_GLYPHS_JS)
    missing = _letters(found["missing"])
    assert missing == "", sorted({_script(c) for c in missing})
    assert "DEVANAGARI" in {_script(c) for c in _letters(found["chars"])}
