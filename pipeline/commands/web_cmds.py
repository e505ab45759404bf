"""`iki serve` (the web screens) and `iki user add` (who may sign in to them)."""
from __future__ import annotations

import gc
from typing import Annotated

import typer

from pipeline.commands.store_cmds import DbOption, console, reporting, transaction
from pipeline.terminal import plain
from store.enums import Role

user_app = typer.Typer(help="People who sign in to the web screens.", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    files: Annotated[str | None, typer.Option(help="Folder of the decrees' originals, or `db` to keep them in "
                                                    "the database (default: $IKI_FILES, else beside the SQLite "
                                                    "database, else ./iki-files).")] = None,
    max_upload_mb: Annotated[float | None, typer.Option(help="Largest upload accepted, in MB (default: "
                                                             "$IKI_MAX_UPLOAD_MB or 20).")] = None,
    https: Annotated[bool | None, typer.Option("--https/--no-https", help="Reached over HTTPS (behind a TLS "
                                                                          "proxy): Secure cookie, HSTS (default: "
                                                                          "$IKI_HTTPS).")] = None,
    trusted_proxy: Annotated[list[str] | None, typer.Option("--trusted-proxy", help="Address of a proxy whose "
                                                            "X-Forwarded-Proto/-For headers are believed; repeat "
                                                            "for several (default: $IKI_TRUSTED_PROXIES, "
                                                            "comma-separated).")] = None,
    db: DbOption = None,
) -> None:
    """Serve the review and compare screens (sessions are signed with $IKI_SECRET, else a secret kept beside the DB).

    Behind a reverse proxy that ends TLS, run `iki serve --https --trusted-proxy PROXY_ADDRESS`: the cookie is then
    sent over HTTPS only, and the proxy's forwarded scheme and client address are used.
    """
    import uvicorn

    from web.app import create_app
    from web.settings import Settings

    proxies = tuple(trusted_proxy) if trusted_proxy else None
    with reporting():
        app = create_app(Settings.from_env(db, files, max_upload_mb, https, proxies))
    # The server's modules and app are some 200,000 objects that live as long as it does; left to the cyclic
    # garbage collector, every full collection walked them all, a pause of a few hundred milliseconds that
    # fell on one page in twenty. Frozen, they are never walked again.
    gc.collect()
    gc.freeze()
    console.print(plain(f"Serving on http://{host}:{port}/"))
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Log-in name.")],
    role: Annotated[Role, typer.Option(help="What the user may do: admins and officers edit, analysts read.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          help="Password (asked for when not given).")],
    db: DbOption = None,
) -> None:
    """Create a user who can sign in to the web screens."""
    from web.accounts import add_user  # the web package (and SQLAlchemy) load only when the command runs

    with transaction(db) as session:
        user = add_user(session, name, role, password)
        console.print(plain(f"User {user.name} ({user.role}) can now log in."))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
