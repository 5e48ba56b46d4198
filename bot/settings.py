"""Typed settings, read from the environment and `.env` when `main()` asks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from bot.petitions.fetch import SiteConfig

DEFAULT_DB = Path("var") / "petitions.sqlite3"
DEFAULT_DEMO_DB = Path("var") / "demo.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True)

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    owner_ids: Annotated[list[int], NoDecode] = Field(default_factory=list, alias="OWNER_IDS")
    dev_guild_id: int | None = Field(default=None, alias="DEV_GUILD_ID")
    db_path: Path = Field(default=DEFAULT_DB, alias="PETITIONBOT_DB")
    demo_db_path: Path = Field(default=DEFAULT_DEMO_DB, alias="PETITIONBOT_DEMO_DB")
    backfill: bool = Field(default=True, alias="BACKFILL")
    refresh_minutes: int = Field(default=60, ge=0, alias="REFRESH_MINUTES")
    alert_interval_seconds: float = Field(default=60.0, gt=0, alias="ALERT_INTERVAL_SECONDS")
    discord_api_base: str = Field(default="https://discord.com/api/v10", alias="DISCORD_API_BASE")
    discord_gateway_url: str = Field(default="wss://gateway.discord.gg/", alias="DISCORD_GATEWAY_URL")
    source_base_en: str = Field(default="https://www.ourcommons.ca/petitions/en", alias="PETITIONS_BASE_EN")
    source_base_fr: str = Field(default="https://www.noscommunes.ca/petitions/fr", alias="PETITIONS_BASE_FR")
    contact: str = Field(default="https://github.com/petitionbot/petitionbot", alias="PETITIONBOT_CONTACT")
    request_interval: float = Field(default=1.0, ge=0, alias="REQUEST_INTERVAL")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(default="text", alias="LOG_FORMAT")
    shard_count: Annotated[int, Field(ge=1)] | Literal["auto"] | None = Field(
        default=None, alias="SHARD_COUNT"
    )
    """None: one connection to Discord (commands.Bot); a number or "auto": commands.AutoShardedBot."""
    meaning_search: bool = Field(default=True, alias="MEANING_SEARCH")
    """Search by meaning (bot/petitions/meaning) when its encoder is installed; false: keyword search only."""

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(",", " ").split() if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("dev_guild_id", "discord_token", "shard_count", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("log_format", "shard_count", mode="before")
    @classmethod
    def _lower_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    def site(self) -> SiteConfig:
        """The plain values the petitions-site clients need (no token, no settings object)."""
        from bot.petitions.fetch import SiteConfig, user_agent

        return SiteConfig(
            base_en=self.source_base_en,
            base_fr=self.source_base_fr,
            user_agent=user_agent(self.contact),
            interval=self.request_interval,
        )


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
