"""The files `petitionbot ingest` is handed: opened within limits, recognised by content, read record by record.

Any file may arrive here (a download, a hand-edited snapshot, something that is not ours at
all), so a file that is not what it seems is refused in one sentence naming it, never with a
traceback, and nothing here holds more than one record or one page in memory. Every record, from
any format, is checked to be storable (`petition_problem`) before ingest sees it.

Nothing here writes to the store; `ingest` does.
"""

from bot.petitions.ingest_files._checks import petition_problem
from bot.petitions.ingest_files._input import SOURCE_VERSION, InputFile, RawRecord, open_input, source_hash
from bot.petitions.ingest_files._limits import (
    DATA_ERRORS,
    DEFAULT_MAX_SIZE,
    MAX_NESTING,
    MAX_PAGE,
    MAX_RECORD,
    MAX_TEXT_LINES,
    IngestError,
    Limits,
    describe,
    format_size,
    parse_size,
)
from bot.petitions.ingest_files._snapshot import (
    SNAPSHOT_FORMAT,
    SNAPSHOT_VERSION,
    check_snapshot_header,
    load_json,
    snapshot_petition,
)

__all__ = [
    "DATA_ERRORS",
    "DEFAULT_MAX_SIZE",
    "MAX_NESTING",
    "MAX_PAGE",
    "MAX_RECORD",
    "MAX_TEXT_LINES",
    "SNAPSHOT_FORMAT",
    "SNAPSHOT_VERSION",
    "SOURCE_VERSION",
    "IngestError",
    "InputFile",
    "Limits",
    "RawRecord",
    "check_snapshot_header",
    "describe",
    "format_size",
    "load_json",
    "open_input",
    "parse_size",
    "petition_problem",
    "snapshot_petition",
    "source_hash",
]
