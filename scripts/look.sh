#!/usr/bin/env bash
# Look at a rendered report: DOCX → PDF (LibreOffice, headless) → one PNG per page (pdftoppm).
#
#   scripts/look.sh REPORT.docx [OUT_DIR] [DPI]
#
# Without a DOCX argument of its own, render the example first:
#   scripts/look.sh examples/linqing-kjj-2021/figures.yaml   (renders to a temporary .docx, then converts)
# Needs: libreoffice (e.g. apt-get install -y libreoffice-writer-nogui), pdftoppm (poppler-utils), and CJK fonts
# (fonts-noto-cjk) so that 仿宋/黑体/楷体 fall back to something readable. Only for looking; tests do not need it.
set -euo pipefail

input=${1:?"用法：scripts/look.sh 报告.docx|figures.yaml [输出文件夹] [DPI]"}
out=${2:-look}
dpi=${3:-80}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}

for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk" >&2; exit 2; }
done

mkdir -p "$out"
name=$(basename "${input%.*}")
case "$input" in
  *.docx) docx=$input ;;
  *) docx="$out/$name.docx"; "$python" -m drafter render "$input" --to docx -o "$docx" ;;
esac

# A private profile: a LibreOffice already running for the user must not swallow the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Machines without the official fonts: map them to the closest installed ones, for this conversion only
# (仿宋/楷体/宋体/小标宋 → a serif CJK font, 黑体 → a sans one), instead of fontconfig's default sans.
cat > "$profile/fonts.conf" <<'CONF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FangSong</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>KaiTi</family><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>SimSun</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>SimHei</family><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
CONF
export FONTCONFIG_FILE="$profile/fonts.conf"
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
pdf="$out/$(basename "${docx%.*}").pdf"
pdftoppm -r "$dpi" -png "$pdf" "$out/$(basename "${docx%.*}")"
ls "$out"/*.png
