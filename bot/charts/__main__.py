"""`python -m bot.charts [DIR]`: the README's charts (default DIR: docs/charts), in English and French.

Drawn from the bundled demo set in a scratch database, as `petitionbot demo` builds it; clocks are
read on the data's own date, so the same data gives the same pictures, byte for byte, any day.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.charts._draw import petitions_png, responses_png
from bot.petitions import answers
from bot.petitions.ingest import load_demo_if_empty
from bot.petitions.store import Store

#: (file name, filter, value): by MP, by country, and response times for every petition.
DOCS = (
    ("by-mp", "sponsor", "Garnett Genuis"),
    ("by-country", "country", "China"),
    ("response-times", None, None),
)


async def draw_docs(out: Path) -> list[Path]:
    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        store = await Store.open(Path(scratch) / "demo.sqlite3")
        try:
            await load_demo_if_empty(store)
            today = await answers.data_date(store) or date.today()
            for name, option, value in DOCS:
                for lang in ("en", "fr"):
                    path = out / f"{name}.{lang}.png"
                    if option is None:
                        png = responses_png(await answers.response_times(store, today), lang)
                    else:
                        counts = await answers.stats(
                            store,
                            country=value if option == "country" else None,
                            subject=value if option == "subject" else None,
                            sponsor=value if option == "sponsor" else None,
                            lang=lang,
                        )
                        png = petitions_png(counts, lang)
                    await asyncio.to_thread(path.write_bytes, png)
                    written.append(path)
        finally:
            await store.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for path in asyncio.run(draw_docs(Path(args[0] if args else "docs/charts"))):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
