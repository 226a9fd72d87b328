#!/usr/bin/env bash
# Look at a rendered report: DOCX → PDF (LibreOffice, headless) → one PNG per page (pdftoppm).
#
#   scripts/look.sh REPORT.docx [OUT_DIR] [DPI]
#
# Given a figures file, draft it first with the offline engine (a whole report, as a clerk's draft looks):
#   scripts/look.sh examples/linqing-kjj-2021/figures.yaml docs/images 90   (the page images of the README)
# Needs: libreoffice (e.g. apt-get install -y libreoffice-writer-nogui), pdftoppm (poppler-utils), and CJK fonts
# (fonts-noto-cjk, fonts-arphic-ukai) so that 仿宋/黑体/楷体 fall back to distinct faces. Only for looking; the
# pagination test (tests/test_render_pagination.py) converts the same way where LibreOffice is installed.
set -euo pipefail

input=${1:?"用法：scripts/look.sh 报告.docx|figures.yaml [输出文件夹] [DPI]"}
out=${2:-look}
dpi=${3:-80}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}

for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai" >&2; exit 2; }
done

mkdir -p "$out"
name=$(basename "${input%.*}")
case "$input" in
  *.docx) docx=$input ;;
  *) docx="$out/$name.docx"; "$python" -m drafter draft "$input" -m offline -o "$docx" >/dev/null ;;
esac

# A private profile: a LibreOffice already running for the user must not swallow the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Machines without the official fonts: the fallbacks drafter declares for fontconfig (drafter/data/fonts.conf:
# 仿宋/楷体/宋体/小标宋 → a serif CJK font, 黑体 → a sans one), for this conversion only, on top of the system's.
cat > "$profile/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <include>$here/drafter/data/fonts.conf</include>
</fontconfig>
CONF
export FONTCONFIG_FILE="$profile/fonts.conf"
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
pdf="$out/$(basename "${docx%.*}").pdf"
pdftoppm -r "$dpi" -png "$pdf" "$out/$(basename "${docx%.*}")"
ls "$out"/*.png
