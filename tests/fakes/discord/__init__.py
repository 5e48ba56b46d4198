"""A fake Discord (gateway + REST) on 127.0.0.1 for end-to-end tests of an unmodified discord.py bot.

Why: what users notice (a slash command's reply, a button's effect, a channel post) lives in discord.py glue
that unit tests cannot reach. discord.py 2.7.1 reads its endpoints from two public class attributes, so a
real ``commands.Bot`` logs in, syncs, receives interactions and replies against this server without any
patching of private code. Protocol details and limits: ../shared/notes/discord-fake.md.

    async with fake_discord_server() as fake, running_bot(make_bot, fake) as bot:
        handle = await fake.slash("ping")
        assert "Pong" in visible_text(await handle.final_message())

Build the bot with ``guild_ready_timeout=0.05`` and ``FastIdentifyMixin`` (else it waits 2 s, or 5 s on a
re-identify). Every message, autocomplete answer, modal and command sync is checked against Discord's
limits; violations land in ``fake.violations`` and fail the test at teardown, as do ERROR logs nobody
claimed with ``fake.error_log.pop_matching(...)``. A click or a modal submission first waits (up to 2 s) for
the running bot to register the view or modal behind it, so that a test never outruns what a person could.
"""

from ._builders import Typed
from ._command_limits import check_command, check_commands
from ._handle import InteractionHandle
from ._harness import FastIdentifyMixin, fake_discord_server, running_bot
from ._limits import valid_slash_name
from ._logs import ErrorLogCapture
from ._message_limits import check_allowed_mentions, check_autocomplete, check_message, check_modal
from ._model import FakeChannel, FakeGuild, FakeRole, FakeUser, Upload
from ._protocol import ADMIN_PERMISSIONS, BOT_PERMISSIONS, FLAG_EPHEMERAL, MEMBER_PERMISSIONS, snowflake
from ._reading import buttons, visible_text
from ._records import Callback, Fault, Hold, RecordedFile, RecordedRequest
from ._server import FakeDiscord

__all__ = [
    "ADMIN_PERMISSIONS",
    "BOT_PERMISSIONS",
    "FLAG_EPHEMERAL",
    "MEMBER_PERMISSIONS",
    "Callback",
    "ErrorLogCapture",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeRole",
    "FakeUser",
    "FastIdentifyMixin",
    "Fault",
    "Hold",
    "InteractionHandle",
    "RecordedFile",
    "RecordedRequest",
    "Typed",
    "Upload",
    "buttons",
    "check_allowed_mentions",
    "check_autocomplete",
    "check_command",
    "check_commands",
    "check_message",
    "check_modal",
    "fake_discord_server",
    "running_bot",
    "snowflake",
    "valid_slash_name",
    "visible_text",
]
