"""Reading the House of Commons' petition pages and files into `Petition` records.

One module per source format: the details page (`parse_details`), its visible text
(`parse_text_page`), the search listing (`parse_listing`) and the XML export (`parse_export`, or
`scan_export` then `parse_record` to stream a large one). They share one reader of the site's
fixed wording, so a phrase ("Initiated by …", the History labels) is understood the same way
in every format. A new source format is a new private module here, exported below.
"""

from bot.petitions.parse._details import parse_details
from bot.petitions.parse._export import parse_export, parse_record
from bot.petitions.parse._export_scan import (
    MAX_EXPORT_DEPTH,
    MAX_EXPORT_RECORD,
    ExportError,
    ExportRecord,
    ExportScan,
    record_bytes,
    scan_export,
)
from bot.petitions.parse._html import check_markup
from bot.petitions.parse._lines import parse_text_page
from bot.petitions.parse._listing import (
    Listing,
    ListingError,
    ListingRow,
    Refiner,
    parse_listing,
    status_id_for,
)
from bot.petitions.parse._page import PageError
from bot.petitions.parse._petition_text import split_preamble
from bot.petitions.parse._wording import (
    Presented,
    detect_lang,
    history_key,
    read_initiator,
    read_original_language,
    read_presented,
    read_signer,
    response_header_lang,
)

__all__ = [
    "MAX_EXPORT_DEPTH",
    "MAX_EXPORT_RECORD",
    "ExportError",
    "ExportRecord",
    "ExportScan",
    "Listing",
    "ListingError",
    "ListingRow",
    "PageError",
    "Presented",
    "Refiner",
    "check_markup",
    "detect_lang",
    "history_key",
    "parse_details",
    "parse_export",
    "parse_listing",
    "parse_record",
    "parse_text_page",
    "read_initiator",
    "read_original_language",
    "read_presented",
    "read_signer",
    "record_bytes",
    "response_header_lang",
    "scan_export",
    "split_preamble",
    "status_id_for",
]
