"""`petitionbot`: the offline answers, ingest and refresh, and the bot itself.

Every answer the bot gives in Discord can be asked here first, from the same functions, in English
or French, as text or JSON. `_parser` holds the grammar, `_answers` and `_ask` the answers,
`_operations` the operator's commands, `_output` what they print and `_main` the exit status.
"""

from bot.cli._main import main
from bot.cli._output import render_petition

__all__ = ["main", "render_petition"]
