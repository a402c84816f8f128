"""`explorer serve [PATH | --game FILE] [--host 127.0.0.1] [--port 8000] [--public]`: the explorer in a browser.

Uses `textual-serve`: every browser tab that opens the page gets its own process, driven over
a websocket: `explorer play PATH`, or with `--game FILE` a team seat, `explorer join FILE`,
where the students type their team's join code. Only this machine can connect unless `--host` names another
address, which also needs `--public`, because there is no login: anyone who reaches the port
gets the app (games are guarded only by their join codes). The server (`explorer.serving`) answers
only at its own address, opens apps only for its own pages, runs at most `--max-seats` of them
and clamps their terminal size; what it refuses is printed on its terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.commands.shared.output import error, warning
from explorer.exit_codes import ExitCode

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("serve", help="serve the explorer to web browsers (one app process per tab)")
    parser.add_argument("path", nargs="?", metavar="PATH", help="scenario file (default: the bundled one)")
    parser.add_argument("--game", metavar="FILE",
                        help="serve team seats of this shared game (explorer game ... --store FILE): each tab "
                             "asks for a join code")
    parser.add_argument("--seed", type=int, default=None, help="seed for dice rolls at chance nodes")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--public", action="store_true",
                        help="allow a --host other than this machine (there is no login beyond join codes)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use to reach the server, e.g. http://classroom-pc:8000 "
                             "(default: from --host, or this machine's name when --host is 0.0.0.0 or ::); "
                             "pages of other addresses may not open apps")
    parser.add_argument("--max-seats", type=_seats, default=None, metavar="N",
                        help="most browser tabs with an app at once (default 40); each tab is one process")


def _whole(what: str, low: int, high: int):  # type: ignore[no-untyped-def]
    """An argparse type: a whole number from `low` to `high`, refused in words otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {what}: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"give a {what} from {low} to {high}")
        return value

    return parse


_port = _whole("port number", 1, 65535)
_seats = _whole("number of seats", 1, 1000)


def _log(message: str) -> None:
    """What the guard refuses, on the server's terminal (the facilitator's)."""
    print(f"explorer serve: {message}", file=sys.stderr, flush=True)


def is_loopback(host: str) -> bool:
    """True when `host` is an address of this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The URL browsers are told to use (the page's websocket connects back to it)."""
    import ipaddress
    import socket

    name = host.strip("[]")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return f"http://{name}:{port}"
    if address.is_unspecified:  # listening everywhere: name the machine
        return f"http://{socket.gethostname()}:{port}"
    return f"http://[{name}]:{port}" if address.version == 6 else f"http://{name}:{port}"


def app_command(path: str, seed: int | None) -> str:
    """The shell command each browser tab runs: this Python's `explorer play`, saving nothing (a visitor's
    walk is not kept on the server, and no one is offered another visitor's walk)."""
    import shlex

    argv = [sys.executable, "-m", "explorer", "play", "--no-save", path]
    if seed is not None:
        argv += ["--seed", str(seed)]
    return shlex.join(argv)


def join_command(game: str) -> str:
    """The shell command each browser tab runs for a shared game: this Python's `explorer join`."""
    import shlex

    return shlex.join([sys.executable, "-m", "explorer", "join", game])


def _resolved(path: Path) -> Path | None:
    """`path` made absolute with its links followed; None for a symbolic link loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python < 3.13 raises RuntimeError for a loop, later ones OSError
        return None


def _game(args: argparse.Namespace) -> tuple[str, str] | int:
    """(command, page title) for `--game FILE`, or an exit code after a one-line error."""
    from explorer.game.errors import GameError
    from explorer.game.store import Store

    if args.path or args.seed is not None:
        return error("serve", "--game serves a stored game: give no scenario PATH or --seed with it", ExitCode.USAGE)
    path = _resolved(Path(args.game))
    if path is None:
        return error("serve", f"cannot use {args.game}: it is a symbolic link loop", ExitCode.USAGE)
    if not path.is_file():
        return error("serve", f"no such game file: {path}", ExitCode.USAGE)
    try:
        with Store.open(path) as store:
            title = store.meta.scenario_title
    except GameError as exc:
        return error("serve", str(exc), ExitCode.PROBLEMS)
    return join_command(str(path)), f"Scenario explorer — {title} (team seats)"


def _play(args: argparse.Namespace) -> tuple[str, str] | int:
    """(command, page title) for a scenario, or an exit code after the problems."""
    from explorer.bundled import default_scenario
    from explorer.commands.shared.scenario_input import load_valid

    path = _resolved(Path(args.path) if args.path else default_scenario())
    if path is None:
        return error("serve", f"cannot use {args.path}: it is a symbolic link loop", ExitCode.USAGE)
    load, status = load_valid(path, "serve")
    if load is None:
        return status
    return app_command(str(path), args.seed), f"Scenario explorer — {load.graph.scenario.title}"


def run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.public:
        return error("serve", f"--host {args.host} lets other machines connect, and there is no login (only join codes "
                      "guard games): add --public if that is what you want", ExitCode.USAGE)
    found = _game(args) if args.game else _play(args)
    if isinstance(found, int):
        return found
    command, title = found
    try:
        from explorer import serving
    except ImportError:
        return error("serve", "explorer serve needs the textual-serve package: pip install textual-serve", ExitCode.USAGE)
    if not is_loopback(args.host):
        warning("serve", f"serving on {args.host}:{args.port} — there is no login: anyone who can reach this "
                         "address can open the explorer; games are guarded only by their join codes")
    url = args.public_url or public_url(args.host, args.port)
    guard = serving.Guard.for_address(url, args.host, args.port, args.max_seats or serving.DEFAULT_SEATS)
    server = serving.GuardedServer(command, guard=guard, client_option=bool(args.game), log=_log,
                                   host=args.host, port=args.port, title=title, public_url=url)
    try:
        server.serve()
    except OSError as exc:
        return error("serve", f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", ExitCode.USAGE)
    return ExitCode.OK
