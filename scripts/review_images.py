"""Page images of a review of ``../shared/corpus`` for docs/images/: headless Chromium over the DevTools pipe.

    .venv/bin/python scripts/review_images.py [OUT_DIR]

Writes review-summary.png (summary and counts by rule), review-text.png (a finding marked in the prose, its
message beside it) and review-table.png (a table finding on the table, the cells marked). Needs Chromium
(``apt-get install -y chromium``) and CJK fonts (``fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import Browser, find_chromium  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"

# (image, where: a finding (file name and rule), an anchor, or None for the top of the page)
SHOTS = (("review-summary.png", None), ("review-chart.png", "#chart-section"), ("review-text.png", ("pingtan-2023.txt", "prose.table_mismatch")),
         ("review-table.png", ("huaian-hongze-2023.txt", "table.sum")))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("缺少 Chromium：apt-get install -y chromium fonts-noto-cjk")
    # Paths relative to the repository, as a reader would type them (the page shows the command).
    reports = sorted(os.path.relpath(p, ROOT) for p in CORPUS.glob("*.txt") if ".source-page" not in p.name)
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".review-") as tmp:
        page = Path(tmp) / "审核结果.html"
        subprocess.run([sys.executable, "-m", "drafter", "check", *reports, "--report",
                        os.path.relpath(page, ROOT)], cwd=ROOT, check=False, capture_output=True)
        with Browser(chromium, width=1280, height=860) as browser:
            browser.open(page.as_uri())
            for name, target in SHOTS:
                if isinstance(target, str):
                    browser.run(f"location.hash = '{target}'")
                elif target is not None:
                    file, rule = target
                    found = browser.run(f"""(() => {{
                        const section = Array.from(document.querySelectorAll('section.report'))
                            .find(s => s.querySelector('.facts').textContent.includes('{file}'));
                        const item = Array.from(section.querySelectorAll('ol.findings li'))
                            .find(li => li.querySelector('code').textContent === '{rule}');
                        location.hash = item.querySelector('a.to').getAttribute('href');
                        return location.hash;
                    }})()""")
                    print(f"{name}: {file} {rule} → {found}")
                else:
                    browser.run("window.scrollTo(0, 0)")
                browser.settle(2.0)  # the :target flash fades before the picture is taken
                browser.screenshot(out / name)
                print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
