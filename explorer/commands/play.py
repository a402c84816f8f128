"""`explorer play [PATH]` (and `explorer` alone): walk a scenario in the terminal UI.

The walk is saved as it goes (one line per action, synced: a crash loses nothing already done) in the
walks folder; `--resume` brings back the last walk of the scenario (or the one in FILE) with its notes
and its position; `--no-save` keeps nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode

if TYPE_CHECKING:
    from explorer.loading import LoadResult
    from explorer.walks.session import Resumed, WalkSession


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("play", help="open a scenario in the terminal UI (the default)")
    parser.add_argument("path", nargs="?", metavar="PATH", help="scenario file (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=None, help="seed for dice rolls at chance nodes")
    parser.add_argument("--resume", nargs="?", const="", default=None, metavar="FILE",
                        help="continue the last saved walk of the scenario (or the walk saved in FILE): "
                             "its position, its notes and its dice")
    parser.add_argument("--no-save", action="store_true", help="do not save the walk as it goes")
    parser.add_argument("--watch", action="store_true",
                        help="reload the scenario whenever one of its files is saved, replaying the walk to where "
                             "you were; errors show in a panel until fixed (for authors: edit in one window, "
                             "look in this one)")


def run(args: argparse.Namespace) -> int:
    from explorer.bundled import default_scenario
    from explorer.commands.shared.scenario_input import load_valid

    if args.resume is not None and (args.seed is not None or args.no_save):
        return error("play", "--seed and --no-save start a new walk; a resumed walk keeps its own seed and file",
                     ExitCode.USAGE)
    path = Path(args.path) if args.path else _resumed_scenario(args.resume) or default_scenario()
    result, status = load_valid(path, "play")
    if result is None:
        return status
    session, resumed, status = _session(args, path, result)
    if session is None and status != ExitCode.OK:
        return status
    import gc

    from explorer.tui.app import make_app

    # The scenario lives as long as the app: keep the collector from re-scanning it,
    # which on a big scenario shows as a pause now and then after a keypress.
    gc.freeze()
    watch = None
    if args.watch:
        from explorer.reload import ScenarioWatch

        watch = ScenarioWatch(path, first=result)
    resumable = None
    if args.resume is None and not args.no_save:  # --no-save (a served explorer): no one else's walk is offered
        from explorer.walks.journal import latest

        resumable = latest(result.graph.scenario.id)
    app = make_app(result.graph, path=path, seed=args.seed, session=session, resumed=resumed, watch=watch,
                   resumable=resumable)
    app.run()
    session = app.session if session is not None else None  # the walk continued from the start screen, if so
    if session is not None and session.journal is not None and session.journal.written:
        print(f"walk saved: {session.journal.path}\nresume it with: explorer play --resume {session.journal.path}")
    return ExitCode.OK


def _resumed_scenario(resume: str | None) -> Path | None:
    """The scenario a walk file was saved from, when it is still there (for `--resume FILE` without PATH)."""
    if not resume:
        return None
    from explorer.walks.journal import JournalError, read

    try:
        saved = Path(read(Path(resume)).header.scenario_path)
    except JournalError:
        return None
    return saved if saved.is_file() else None


def _session(args: argparse.Namespace, path: Path, result: LoadResult
             ) -> tuple[WalkSession | None, Resumed | None, ExitCode]:
    """The walk to open: resumed, new and saved, or (--no-save) None: the app makes an unsaved one."""
    from explorer.walks.journal import JournalError, latest, new_path, walks_folder
    from explorer.walks.session import WalkSession

    graph = result.graph
    assert graph is not None
    if args.resume is not None:
        file = Path(args.resume) if args.resume else latest(graph.scenario.id)
        if file is None:
            return None, None, error("play", f"no saved walk of '{graph.scenario.id}' in {walks_folder()}",
                                     ExitCode.USAGE)
        try:
            session, resumed = WalkSession.resume(graph, file, scenario_hash=_hash(path, result))
        except JournalError as exc:
            return None, None, error("play", str(exc), ExitCode.USAGE)
        return session, resumed, ExitCode.OK
    if args.no_save:
        return None, None, ExitCode.OK
    session = WalkSession.start(graph, args.seed, new_path(graph.scenario.id), str(path.resolve()), _hash(path, result))
    return session, None, ExitCode.OK


def _hash(path: Path, result: LoadResult) -> str:
    """The scenario's content hash (its files as loaded), or '' when a file can no longer be read."""
    from explorer.game.fingerprint import scenario_hash

    try:
        return scenario_hash(path, result.files)
    except OSError:
        return ""
