"""The Discord bot: one `commands.Bot` that owns the store, loads the cogs and reports errors in one place.

- `_bot.py`: `PetitionBot` (resources, cogs, the refresh, backfill and vector loops) and sharding;
- `_tree.py`: the central error path, private replies, and autocomplete answers in Discord's shape;
- `_publish.py`: publishing the slash commands when their payload changed;
- `_run.py`: running as a process (the token, the endpoints, stopping on SIGTERM/SIGINT).

Every module logs as `bot.discord_bot`, the one name operators filter the bot's lines by.
"""

from bot.discord_bot._bot import (
    BACKFILL_RETRY_SECONDS,
    COGS_PACKAGE,
    EMBED_CHECK_SECONDS,
    PetitionBot,
    ShardedPetitionBot,
    bot_class,
    bot_intents,
    discover_extensions,
    shard_options,
)
from bot.discord_bot._publish import CONFIGURED_SCOPE, PublishResult, payload_hash
from bot.discord_bot._run import (
    DEFAULT_API_BASE,
    DEFAULT_GATEWAY,
    StopOnSignals,
    apply_endpoints,
    run_bot,
    token_missing_message,
)
from bot.discord_bot._tree import (
    AUTOCOMPLETE_TIMEOUT,
    NotOwner,
    PetitionTree,
    autocomplete_choices,
    new_error_id,
    send_private,
)

__all__ = [
    "AUTOCOMPLETE_TIMEOUT",
    "BACKFILL_RETRY_SECONDS",
    "COGS_PACKAGE",
    "CONFIGURED_SCOPE",
    "DEFAULT_API_BASE",
    "DEFAULT_GATEWAY",
    "EMBED_CHECK_SECONDS",
    "NotOwner",
    "PetitionBot",
    "PetitionTree",
    "PublishResult",
    "ShardedPetitionBot",
    "StopOnSignals",
    "apply_endpoints",
    "autocomplete_choices",
    "bot_class",
    "bot_intents",
    "discover_extensions",
    "new_error_id",
    "payload_hash",
    "run_bot",
    "send_private",
    "shard_options",
    "token_missing_message",
]
