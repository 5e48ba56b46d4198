"""Catching the errors discord.py logs instead of raising, so a test cannot pass over a broken command."""

from __future__ import annotations

import logging
from collections.abc import Iterable


class ErrorLogCapture(logging.Handler):
    """Collects ERROR (and worse) records from the given loggers; unclaimed ones fail the test.

    discord.py logs exceptions in commands, autocomplete and views instead of raising them, so an error
    that a user would see as "The application did not respond" would otherwise pass silently."""

    def __init__(self, logger_names: Iterable[str] = ("discord",), level: int = logging.ERROR) -> None:
        super().__init__(level)
        self.logger_names = tuple(dict.fromkeys(logger_names))
        self.records: list[logging.LogRecord] = []
        self._saved_levels: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def install(self) -> ErrorLogCapture:
        for name in self.logger_names:
            logger = logging.getLogger(name)
            self._saved_levels[name] = logger.level
            if logger.getEffectiveLevel() > self.level:
                logger.setLevel(self.level)
            logger.addHandler(self)
        return self

    def uninstall(self) -> None:
        for name in self.logger_names:
            logger = logging.getLogger(name)
            logger.removeHandler(self)
            logger.setLevel(self._saved_levels.get(name, logger.level))

    def pop_matching(self, text: str) -> list[logging.LogRecord]:
        """Removes and returns the records whose message or exception text contains ``text`` (expected
        errors); whatever is left at teardown fails the test."""
        taken = [r for r in self.records if text in self._describe(r)]
        self.records = [r for r in self.records if r not in taken]
        return taken

    @staticmethod
    def _describe(record: logging.LogRecord) -> str:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            text += f" [{record.exc_info[0].__name__}: {record.exc_info[1]}]"  # type: ignore[union-attr]
        return text

    def assert_clean(self) -> None:
        if self.records:
            listing = "\n  ".join(self._describe(r) for r in self.records)
            raise AssertionError(f"{len(self.records)} ERROR log record(s) during the test:\n  {listing}")
