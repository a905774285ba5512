# The build uses the code of the checkout it builds, whatever is installed.
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

PACKAGES = ("vaultsite", "snippets")


def use_checkout(config_file: Path) -> ModuleType:
    """``vaultsite.site`` from the folder that holds ``mkdocs.yml``.

    An editable install of another checkout (a git worktree, a copy) puts its
    own vaultsite/ and snippets/ on the path; modules imported from there are
    dropped, and this checkout's folder comes first. Worker processes inherit
    the path, so they import the same code.
    """
    root = config_file.resolve().parent
    if sys.path[:1] != [str(root)]:
        sys.path.insert(0, str(root))
    for name in [m for m in sys.modules if m.partition(".")[0] in PACKAGES]:
        file = getattr(sys.modules[name], "__file__", None)
        if file and not Path(file).resolve().is_relative_to(root.resolve()):
            del sys.modules[name]
    return importlib.import_module("vaultsite.site")
