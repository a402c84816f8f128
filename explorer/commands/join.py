"""`explorer join FILE [--code CODE] [--once | --follow]`: a team's seat in a shared game.

In a terminal, the team's TUI view opens (`explorer.tui.seat`); without `--code` it asks for
the code first (this is what `explorer serve --game FILE` runs in each browser tab). With
`--once` (the default when output is not a terminal) it prints the team's view as text and
exits; `--follow` then prints other seats' moves as they are committed, until Ctrl-C. A wrong
`--code` exits 1 with a one-line error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import shown

if TYPE_CHECKING:
    from pathlib import Path

    from explorer.game.seats import SeatView
    from explorer.game.session import GameSession
    from explorer.game.view_models import SeatOption


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("join", help="open a team's seat in a shared game with its join code")
    parser.add_argument("file", metavar="FILE", help="the game file (explorer game ... --store FILE)")
    parser.add_argument("--code", metavar="CODE",
                        help="the team's join code, e.g. K7M-4QX-9TZ (without it, the TUI asks for it); SHARED "
                             "opens the shared screen (the projector: what every team may see)")
    parser.add_argument("--shared", action="store_true", help="open the shared screen (the same as --code SHARED)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true",
                      help="print the team's view as text and exit (the default when not in a terminal)")
    mode.add_argument("--follow", action="store_true", help="then print moves as they happen, until Ctrl-C")
    parser.add_argument("--json", action="store_true", help="with --once: the view as one JSON object")
    parser.add_argument("--scenario", metavar="PATH", help="where the game's scenario is now, if it moved")
    parser.add_argument("--client", metavar="ADDRESS", default=None,
                        help="who is joining, for counting wrong join codes (explorer serve passes the browser's "
                             "address; default: this terminal)")



def interactive(args: argparse.Namespace) -> bool:
    """True when the TUI should open: no code to print with, or a terminal on both ends and no text mode."""
    if args.code is None:
        return True
    return not (args.once or args.follow or args.json) and sys.stdin.isatty() and sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from explorer.game.errors import GameError
    from explorer.game.seats import open_seat
    from explorer.game.views import game_view as seat_view

    if args.json and args.follow:
        return error("join", "--json goes with --once", ExitCode.USAGE)
    if args.shared:
        if args.code is not None:
            return error("join", "--shared opens the shared screen: give no --code with it", ExitCode.USAGE)
        args.code = "SHARED"
    path = Path(args.file)
    if not path.exists():
        return error("join", f"no such game file: {path}", ExitCode.USAGE)
    if args.code is None and (args.once or args.follow or args.json):
        return error("join", "--once, --follow and --json need --code", ExitCode.USAGE)
    from explorer.game.join_guard import LOCAL

    client = args.client or LOCAL
    if interactive(args):
        return _tui(path, args.code, args.scenario, client)
    try:
        with open_seat(path, args.code, scenario=args.scenario, client=client) as session:
            view = seat_view(session)
            if args.json:
                print(json.dumps(view.as_dict(), ensure_ascii=False))
                return ExitCode.OK
            print(render(view), flush=True)
            if args.follow:
                _follow(session)
    except GameError as exc:
        return error("join", str(exc), ExitCode.PROBLEMS)
    return ExitCode.OK


def _tui(path: Path, code: str | None, scenario: str | None, client: str) -> int:
    """The team's TUI view; a given code is checked first (a wrong one: a one-line error, exit 1)."""
    from explorer.game.errors import GameError
    from explorer.game.seat_link import SeatLink
    from explorer.tui.seat.app import SeatApp

    link = None
    if code is not None:
        try:
            link = SeatLink.open(path, code, scenario=scenario, client=client)
        except GameError as exc:
            return error("join", str(exc), ExitCode.PROBLEMS)
    SeatApp(path, link=link, scenario=scenario, client=client).run()
    return ExitCode.OK


def _follow(session: GameSession) -> None:
    from explorer.game.views import game_view as seat_view
    from explorer.game.watch import Watch

    print("— following the game; Ctrl-C to stop —", flush=True)
    try:
        with Watch.session(session) as watch:
            for batch in watch.follow():
                for event in session.refresh(batch):
                    print(f"#{event.seq} turn {event.turn}: {_clean(session.describe(event))}")
                view = seat_view(session)
                print(f"turn {view.turn}: {_clean(view.banner)}")
                if view.your_move:
                    print(_move(view))
                sys.stdout.flush()
    except KeyboardInterrupt:
        pass


def render(view: SeatView) -> str:
    """The team's view as plain text."""
    actors = ", ".join(b.name for b in view.briefings) or "no actors"
    lines = [f"{view.scenario_title} — {view.team_title} ({actors})", f"turn {view.turn}: {view.banner}",
             f"now at: {view.node_title}"]
    if view.node_text:
        lines += _indent(as_text(view.node_text))
    for note in view.private:
        lines += [f"private to {note.actor_name}:", *_indent(as_text(note.text))]
    lines.append("metrics: " + ", ".join(f"{m.label} {'hidden' if m.value is None else f'{m.value:g}'}"
                                         f"{_range(m.min, m.max)}" for m in view.metrics))
    lines.append("path: " + " → ".join(view.path))
    for briefing in view.briefings:
        lines += ["", f"your briefing — {briefing.name}"]
        if briefing.objectives:
            lines.append("  objectives: " + "; ".join(briefing.objectives))
        lines += _indent(as_text(briefing.text) if briefing.text else "(no briefing text)")
    if view.reveal is not None:
        lines += ["", f"revealed (turn {view.reveal.turn}): " + "; ".join(
            f"{m.actor_name} {'moved in secret' if m.secret else 'sat out' if m.sat_out else m.label}"
            for m in view.reveal.moves) + f" → {view.reveal.outcome}"]
    if view.round is not None:
        lines += ["", "orders this round: " + "; ".join(
            f"{line.actor_name} {'in' if line.submitted else 'waiting'}" for line in view.round.lines if not line.sits_out)]
        for form in view.round.forms:
            lines += [f"your orders for {form.actor_name} (turn {form.turn})" + (
                f": {form.current.number}. {form.current.label}" if form.current else ": none yet") + ":"]
            lines += [_option_line(option) for option in form.moves]
    if view.options:
        lines += ["", _move(view)]
    if view.odds:
        lines += ["", "the dice decide (the facilitator rolls):"]
        lines += [f"  {o.label}: {o.words}" for o in view.odds]
    if view.own_decisions:
        lines += ["", "your decisions:"]
        lines += [f"  turn {d.turn}, {d.actor_name} at “{d.node_title}”: {d.label} — "
                  + (f"rationale: {d.rationale}" if d.rationale else "rationale skipped") for d in view.own_decisions]
    if view.finished:
        lines += ["", "payoffs: " + ", ".join(f"{name} {value:g}" for name, value in view.payoffs)]
    lines += ["", "log:"] + [f"  #{line.seq} turn {line.turn}: {line.text}" for line in view.log]
    return _clean("\n".join(lines))


def _move(view: SeatView) -> str:
    box = view.rationale
    head = f"your move (turn {view.turn})" + (f" for {box.actor_name}" if box else "") + ":"
    lines = [head]
    lines += [_option_line(option) for option in view.options]
    if box:
        lines.append(f"  rationale: asked with the decision, up to {box.max_chars} characters (may be skipped; "
                     "the skip is logged)")
        if box.timer_seconds is not None:
            lines.append(f"  timer: {box.timer_seconds:.0f} s left")
    return "\n".join(lines)


def _option_line(option: SeatOption) -> str:
    effects = ", ".join(label if amount is None else f"{label} {amount:+g}" for label, amount in option.effects)
    text = f"  {option.number}. {option.label}" + (f"  ({effects})" if effects else "")
    if not option.available:
        text += f" — locked: {option.lock_reason}"
    return text


def _range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    return f" ({'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'})"


def _indent(text: str) -> list[str]:
    return ["  " + line for line in text.strip().splitlines()]


def as_text(markdown: str) -> str:
    """Scenario Markdown as plain text for a terminal (emphasis marks gone, lists bulleted), its control
    and invisible characters made visible first; at most 100 columns."""
    import io
    import shutil

    from rich.console import Console
    from rich.markdown import Markdown

    width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns) - 2)
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True, highlight=False,
                      force_terminal=False, emoji=False, markup=False)
    console.print(Markdown(_clean(markdown)))
    rendered = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in rendered.splitlines()).strip("\n")


def _clean(text: str) -> str:
    """Scenario and player text with control and invisible characters (terminal escapes, bidi
    overrides) made visible; lines kept."""
    return shown(text, lines=True)
