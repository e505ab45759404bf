"""`python -m pipeline` runs the `iki` command."""
from pipeline.cli import app

app(prog_name="iki")
