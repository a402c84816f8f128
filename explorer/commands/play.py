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
    from explorer.loading.cover import Cover
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

    if args.resume is not None and (args.seed is not None or args.no_save):
        return error("play", "--seed and --no-save start a new walk; a resumed walk keeps its own seed and file",
                     ExitCode.USAGE)
    path = Path(args.path) if args.path else _resumed_scenario(args.resume) or default_scenario()
    if args.resume is None and not args.watch:
        from explorer.loading.cache import cached_cover

        cover = cached_cover(path)
        if cover is not None:
            return _play_behind_cover(args, path, cover)
    return _play(args, path)


def _play_behind_cover(args: argparse.Namespace, path: Path, cover: Cover) -> int:
    """Open the UI on the start screen drawn from the scenario's kept cover, and load the scenario behind
    it after the first frame (`explorer.tui.opening`): the models are not imported before it. If the
    scenario turns out broken (it changed in between), the UI closes and the command starts again."""
    from explorer.tui.app import make_app
    from explorer.tui.opening import Opened, Opening
    from explorer.walks.journal import latest

    def load() -> Opened:
        import gc

        from explorer.loading.cache import load_valid_cached

        result = load_valid_cached(path)
        if not result.ok or result.graph is None:
            return Opened(None)
        session, _, _ = _session(args, path, result)
        gc.freeze()  # as `_play` does, for the same reason
        return Opened(result.graph, session)

    resumable = None if args.no_save else latest(cover.id)
    app = make_app(None, path=path, seed=args.seed, resumable=resumable, opening=Opening(cover, load))
    app.run()
    if app.opening is not None:  # closed before the scenario was loaded: let the load end (it writes nothing)
        app.opening.wait()
        return ExitCode.OK
    if app.not_opened:
        return _play(args, path)
    _said_saved(app.session if not args.no_save else None)
    return ExitCode.OK


def _play(args: argparse.Namespace, path: Path) -> int:
    """Load the scenario, then open the UI on it."""
    from explorer.commands.shared.scenario_input import load_valid

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
    _said_saved(app.session if session is not None else None)  # the walk continued from the start screen, if so
    return ExitCode.OK


def _said_saved(session: WalkSession | None) -> None:
    """Say where the walk was saved, if anything was."""
    if session is not None and session.journal is not None and session.journal.written:
        print(f"walk saved: {session.journal.path}\nresume it with: explorer play --resume {session.journal.path}")


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
