"""List unlinked mentions: where a page names another concept without linking it.

``python scripts/unlinked.py`` prints, per language, the first mention of each
concept on a page that never links to it, as
``docs/<file>:<line>: names «…» (concept) without a link``. ``--every`` lists
each mention outside a link, as Obsidian's "unlinked mentions" pane does;
``--lang ru`` only one language. An author's to-do list: the build does not
fail on these.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vaultsite.mentions import unlinked_mentions  # noqa: E402
from vaultsite.vault import LANGUAGE_NAMES, LANGUAGES, load_vault  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", action="store_true", help="every mention outside a link")
    parser.add_argument("--lang", choices=LANGUAGES, help="one language only")
    args = parser.parse_args()
    vault, _ = load_vault(ROOT / "docs")
    for lang in [args.lang] if args.lang else LANGUAGES:
        mentions = unlinked_mentions(vault, lang, every=args.every)
        print(f"## {LANGUAGE_NAMES[lang]} ({lang}): {len(mentions)} unlinked mention(s)")
        for m in mentions:
            print(f"docs/{m.path}:{m.line}: names «{m.text}» ({m.concept}) without a link")
        print()


if __name__ == "__main__":
    main()
