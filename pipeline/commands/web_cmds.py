"""`iki serve` (the web screens) and `iki user add` (who may sign in to them)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.commands.store_cmds import DbOption, console, reporting, transaction
from store.users import ROLES
from web.accounts import add_user

user_app = typer.Typer(help="People who sign in to the web screens.", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    files: Annotated[Path | None, typer.Option(help="Folder for uploaded decree files (default: beside the "
                                                     "SQLite database, else ./iki-files).")] = None,
    max_upload_mb: Annotated[float | None, typer.Option(help="Largest upload accepted, in MB (default: "
                                                             "$IKI_MAX_UPLOAD_MB or 20).")] = None,
    db: DbOption = None,
) -> None:
    """Serve the review and compare screens (sessions are signed with $IKI_SECRET, else a secret kept beside the DB)."""
    import uvicorn

    from web.app import create_app
    from web.settings import Settings

    with reporting():
        app = create_app(Settings.from_env(db, files, max_upload_mb))
    console.print(f"Serving on http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="info")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Log-in name.")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          help="Password (asked for when not given).")],
    db: DbOption = None,
) -> None:
    """Create a user who can sign in to the web screens."""
    if role not in ROLES:
        raise typer.BadParameter(f"{role!r}; choose one of {', '.join(ROLES)}", param_hint="--role")
    with transaction(db) as session:
        user = add_user(session, name, role, password)
        console.print(f"User {user.name} ({user.role}) can now log in.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
