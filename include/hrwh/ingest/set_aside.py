"""Moving a rejected landing file out of the way, with the reason beside it.

The file goes to `<landing>/_rejected/<source folder>/`, so the next run does not trip over it
again, the engineer on call finds it with its reason, and a fixed file delivered under the same
name loads as a new delivery.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

REJECTED_FOLDER = "_rejected"


def set_aside(path: Path, reason: str) -> Path:
    """Move `path` into the rejected folder and write `<name>.reason.txt`; return the new path."""
    folder = path.parent.parent / REJECTED_FOLDER / path.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}.{stamp}{path.suffix}"
    shutil.move(path, target)
    target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    return target
