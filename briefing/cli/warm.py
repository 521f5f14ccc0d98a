"""``briefing warm``: list or stop the warm spaCy servers left by ``build --keep-warm``."""

from __future__ import annotations

import argparse

from ..config import BriefingConfig
from ..site import read_settings
from ..warm import runtime_folder, server_for, server_status, servers, stop_server
from .common import EXIT_ERROR, EXIT_OK


def register(commands, parents) -> None:
    command = commands.add_parser(
        "warm", help="show or stop the warm spaCy servers left by build --keep-warm", parents=parents
    )
    action = command.add_mutually_exclusive_group()
    action.add_argument("--status", action="store_true", help="list the servers (the default)")
    action.add_argument("--stop", action="store_true", help="stop every server")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``briefing warm``: list this user's warm spaCy servers, or ``--stop`` them all.

    Exit code 0 when a server for this project's code and model is ready, else 1.
    """
    found = servers()
    if not found:
        print(f"no warm spaCy server is running ({runtime_folder()})")
    if args.stop:
        for server in found:
            stop_server(server)
            print(f"stopped the warm spaCy server {server.socket}")
        return EXIT_OK
    ours = server_for(BriefingConfig.from_settings(read_settings(args.settings)).models).name
    ready = False
    for server in found:
        status = server_status(server)
        if status is None:
            print(f"{server.socket}: loading spaCy, or busy with a build")
            continue
        print(
            f"{server.socket}: pid {status['pid']}, {status['model']}, spaCy {status['spacy']}, "
            f"{status['memory_mb']} MB, idle {status['idle']} s (exits at {status['keep_warm']} s), "
            f"{status['articles']} articles for {status['builds']} builds"
            + ("" if server.name == ours else " (another briefing code, model or Python)")
        )
        ready = ready or server.name == ours
    return EXIT_OK if ready else EXIT_ERROR
