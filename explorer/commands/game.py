"""`explorer game PATH [--team ACTOR=NAME ...] | --resume FILE`: set up, play or resume a classroom game.

In a terminal the game opens in the TUI: without `--team` on the setup screen (teams, timer,
seed), with `--team` straight on the play screen. Elsewhere (or with `--no-tui`) the game is
created or checked and summed up in text. The game lives in one SQLite file (see
docs/game-store.md): by default a new file under the XDG data folder, or `--store FILE`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error, warning
from explorer.exit_codes import ExitCode
from explorer.terminal_text import shown

if TYPE_CHECKING:
    from explorer.game.session import GameSession


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("game", help="set up or resume a classroom war game (teams, facilitator, dice, log)")
    parser.add_argument("path", nargs="?", metavar="PATH",
                        help="scenario file (default: the bundled one); with --resume, where the scenario is now")
    parser.add_argument("--team", action="append", default=[], metavar="ACTOR=NAME",
                        help="give actor ACTOR to team NAME (repeat; a team may hold several actors; "
                             "the facilitator plays the others)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed for the dice (default: a random one, sealed until the debrief; a seed you give "
                             "can be guessed from its commitment, so use one only to rehearse)")
    parser.add_argument("--timer", type=_seconds, default=None, metavar="SECONDS", help="time a team has for a decision")
    parser.add_argument("--store", metavar="FILE", help="the game file to create (default: under the XDG data folder)")
    parser.add_argument("--resume", metavar="FILE", help="continue the game stored in FILE where it stopped")
    parser.add_argument("--force", action="store_true", help="with --resume: go on even if the scenario has changed")
    parser.add_argument("--no-tui", action="store_true",
                        help="create or check the game and print a summary; do not open the terminal UI")


def interactive(args: argparse.Namespace) -> bool:
    """True when the game should open in the TUI: a terminal on both ends, and no --no-tui."""
    return not args.no_tui and sys.stdin.isatty() and sys.stdout.isatty()


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 1 <= value <= 24 * 3600:
        raise argparse.ArgumentTypeError("give between 1 and 86400 seconds")
    return value



def _say(text: str) -> None:
    """Print a line that may hold scenario text, team names or paths: shown literally."""
    print(shown(text))


def run(args: argparse.Namespace) -> int:
    from explorer.game.errors import GameError

    try:
        return _resume(args) if args.resume else _create(args)
    except GameError as exc:
        return error("game", str(exc), ExitCode.PROBLEMS)


def _create(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.bundled import default_scenario
    from explorer.commands.shared.scenario_input import load_valid
    from explorer.game.errors import StoreError
    from explorer.game.location import default_store_path
    from explorer.game.session import GameSession
    from explorer.game.teams import TeamError, parse_team_options

    if args.force:
        return error("game", "--force goes with --resume", ExitCode.USAGE)
    path = Path(args.path) if args.path else default_scenario()
    load, status = load_valid(path, "game")
    if load is None:
        return status
    try:
        teams = parse_team_options(args.team, load.graph.scenario.actors)
    except TeamError as exc:
        return error("game", str(exc), ExitCode.USAGE)
    store = Path(args.store) if args.store else default_store_path(load.graph.scenario.id)
    if interactive(args) and not args.team:
        if store.exists():
            return error("game", f"{store} already exists: choose another --store, or resume it with --resume", ExitCode.USAGE)
        from explorer.tui.game.app import make_setup_app

        app = make_setup_app(load, store, seed=args.seed, timer=args.timer)
        app.run()
        if app.session is None:
            _say("no game was started")
            return ExitCode.OK
        with app.session:
            _after_tui(app.session)
        return ExitCode.OK
    try:
        session = GameSession.create(load, store, teams=teams, seed=args.seed, timer=args.timer)
    except StoreError as exc:
        return error("game", str(exc), ExitCode.USAGE)
    if interactive(args):
        return _play(session)
    with session:
        _say(f"game created: {session.store.path}")
        _summary(session)
        _say(f"resume it with: explorer game --resume {session.store.path}")
    return ExitCode.OK


def _resume(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.game.session import GameSession

    if args.team or args.seed is not None or args.timer is not None or args.store:
        return error("game", "--team, --seed, --timer and --store set up a new game; a resumed game keeps its own",
                      ExitCode.USAGE)
    store = Path(args.resume)
    if not store.exists():
        return error("game", f"no such game file: {store}", ExitCode.USAGE)
    session = GameSession.resume(store, scenario=args.path, force=args.force)
    if interactive(args):
        return _play(session)
    with session:
        for text in session.warnings:
            warning("game", text)
        _say(f"game resumed: {session.store.path}")
        _summary(session)
    return ExitCode.OK


def _play(session: GameSession) -> int:
    """Play `session` in the TUI until the facilitator quits."""
    from explorer.tui.game.app import make_game_app

    with session:
        make_game_app(session).run()
        _after_tui(session)
    return ExitCode.OK


def _after_tui(session: GameSession) -> None:
    state = "finished" if session.finished else f"saved at turn {session.turn}"
    _say(f"game {state}: {session.store.path}")
    _summary(session)
    if not session.finished:
        _say(f"resume it with: explorer game --resume {session.store.path}")
    _say(f"debrief: explorer report {session.store.path} · replay: explorer replay {session.store.path}")


def _summary(session: GameSession) -> None:
    from explorer.game import commitment
    from explorer.game.joincodes import shown
    from explorer.game.teams import team_title

    meta = session.meta
    codes = session.store.join_codes()
    _say(f"scenario: {meta.scenario_title} ({meta.scenario_path})")
    for team, actors in session.teams.members.items():
        code = f" — join code {shown(codes[team])}" if team in codes else ""
        _say(f"  {team_title(team)}: {', '.join(session.actor_name(a) for a in actors)}{code}")
    rest = session.teams.unassigned(session.graph.deciding_actors)
    if rest:
        _say(f"  Facilitator: {', '.join(session.actor_name(a) for a in rest)}")
    if codes:
        _say(f"teams join from their own terminal with: explorer join {session.store.path} --code CODE")
    timer = f"{meta.timer:g} s per decision" if meta.timer else "none"
    _say(f"dice seed: {meta.seed}; turn timer: {timer}")
    _say(f"the class sees only the seed's commitment, {commitment.short(meta.seed)}, until the debrief")
    _say(f"turn {session.turn}: {session.banner}")
