"""`python -m bot.cli`, as the `petitionbot` script."""

from bot.cli import main

raise SystemExit(main())
