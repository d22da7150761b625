"""What the scripts that write docs/ tables share: how a figure is printed and which commit made it."""
import subprocess


def fmt(v, f="{:.1f}"):
    """A figure as a table cell: "-" for none, a list as "a, b" (per-layer figures)."""
    if v is None:
        return "-"
    if isinstance(v, list):
        return ", ".join(fmt(x, f) for x in v) or "-"
    return f.format(v)


def commit():
    """The short hash of the checkout's HEAD, the commit a table was measured at."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
