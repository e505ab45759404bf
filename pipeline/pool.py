"""The fork server extraction workers start from, startable before the importer has loaded the store.

The server imports the extraction code, which takes about as long as a
fifth of a hundred text decrees' extraction. `iki import --workers N` starts
it first thing (`start_fork_server`), so it does so while the importer loads
SQLAlchemy and the store and hashes the files, instead of after. This module
imports nothing else, so starting the server costs the importer nothing.
"""
from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext

PRELOAD = ["pipeline.worker"]


def fork_server() -> ForkServerContext:
    """The context whose processes fork from the server that has imported the extraction code."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the server now, without waiting for it to import the extraction code."""
    fork_server()
    forkserver.ensure_running()
