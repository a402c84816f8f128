"""The command tables: every row runs an action that exists where its scope says, every screen's
bindings come from its app's table, and the words that name keys come from the same rows."""

from __future__ import annotations

from collections import Counter
from enum import Enum

import pytest
from textual.dom import DOMNode

from explorer.tui import keys as explorer_keys
from explorer.tui.app import ExplorerApp
from explorer.tui.command_table import DIGITS, Command, CommandTable
from explorer.tui.game import keys as game_keys
from explorer.tui.game.app import GameApp, ReplayApp
from explorer.tui.game.debrief import DebriefScreen
from explorer.tui.game.join_codes import JoinCodesScreen
from explorer.tui.game.play import PlayScreen
from explorer.tui.game.prompts import ActorBriefingScreen, ChoicePrompt, GameFormPrompt, RollScreen, TextPrompt
from explorer.tui.game.replay import ReplayScreen
from explorer.tui.game.setup import SetupScreen
from explorer.tui.palette import palette_help
from explorer.tui.screens.analysis import AnalysisScreen
from explorer.tui.screens.chart import ChartScreen
from explorer.tui.screens.guides import GuideScreen, GuidesScreen
from explorer.tui.screens.help import HelpScreen, help_text
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.map_screen import LegendScreen, MapScreen
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.screens.start import StartScreen, keys_text
from explorer.tui.screens.work_screens import CompareScreen, EndingsScreen, NoteScreen
from explorer.tui.seat import keys as seat_keys
from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.briefing import SeatFormPrompt, TeamBriefingScreen
from explorer.tui.seat.screen import SeatScreen

E, G, S = explorer_keys.Scope, game_keys.Scope, seat_keys.Scope
TABLES: list[tuple[CommandTable, type[Enum], dict[Enum, type[DOMNode]]]] = [
    (explorer_keys.EXPLORER, E, {E.APP: ExplorerApp, E.MAIN: MainScreen, E.OUTCOME: OutcomeScreen,
                                 E.START: StartScreen, E.ANALYSIS: AnalysisScreen, E.HELP: HelpScreen,
                                 E.MAP: MapScreen, E.LEGEND: LegendScreen, E.NOTE: NoteScreen,
                                 E.COMPARE: CompareScreen, E.ENDINGS: EndingsScreen,
                                 E.GUIDES: GuidesScreen, E.GUIDE: GuideScreen, E.CHART: ChartScreen}),
    (game_keys.GAME, G, {G.APP: GameApp, G.PLAY: PlayScreen, G.SETUP: SetupScreen, G.DEBRIEF: DebriefScreen,
                         G.TEXT_PROMPT: TextPrompt, G.CHOICE_PROMPT: ChoicePrompt, G.BRIEFING: ActorBriefingScreen,
                         G.ROLL: RollScreen, G.JOIN_CODES: JoinCodesScreen, G.REPLAY_APP: ReplayApp,
                         G.REPLAY: ReplayScreen, G.FORM: GameFormPrompt}),
    (seat_keys.SEAT, S, {S.APP: SeatApp, S.SEAT: SeatScreen, S.BRIEFING: TeamBriefingScreen,
                         S.FORM: SeatFormPrompt}),
]
ROWS = [(command, where[command.scope]) for table, _, where in TABLES for command in table.commands]


def _action_name(command: Command) -> str:
    return command.action.partition("(")[0]


def test_every_scope_names_a_screen_or_app() -> None:
    for _, scopes, where in TABLES:
        assert set(where) == set(scopes)


@pytest.mark.parametrize(("command", "runs_on"), ROWS, ids=[f"{c.scope.name}.{c.action}" for c, _ in ROWS])
def test_every_command_runs_an_action_of_its_scope(command: Command, runs_on: type[DOMNode]) -> None:
    name = _action_name(command)
    assert callable(getattr(runs_on, f"action_{name}", None)) or callable(getattr(runs_on, f"_action_{name}", None))


def test_every_screen_takes_its_bindings_from_its_table() -> None:
    for table, _, where in TABLES:
        for scope, owner in where.items():
            expected = [(b.key, b.action, b.description, b.show) for b in table.bindings(scope)]
            assert [(b.key, b.action, b.description, b.show) for b in owner.BINDINGS] == expected, owner  # type: ignore[union-attr]


def test_no_key_is_bound_twice_where_it_runs() -> None:
    for table, scopes, _ in TABLES:
        for scope in scopes:
            keys = Counter(key for b in table.bindings(scope) for key in b.key.split(","))
            assert [k for k, n in keys.items() if n > 1] == [], scope


def test_digit_rows_are_nine_bindings_with_the_first_in_the_footer() -> None:
    take = explorer_keys.EXPLORER.command("take", E.MAIN)
    bindings = list(take.bindings())
    assert take.keys == DIGITS and [b.key for b in bindings] == [str(n) for n in range(1, 10)]
    assert [b.action for b in bindings][:2] == ["take(1)", "take(2)"]
    assert bindings[0].show and bindings[0].key_display == "1-9" and not any(b.show for b in bindings[1:])


def test_keys_in_words() -> None:
    game = game_keys.GAME
    assert game.key("roll") == "d" and game.key("choose") == "1–9"
    assert game.key("close", G.BRIEFING) == "Escape, b or Enter"
    assert game.key("close", G.ROLL) == "Enter or Escape"
    assert explorer_keys.EXPLORER.key("back", E.MAIN) == "⌫"
    with pytest.raises(KeyError):
        game.key("no_such_action")


def test_the_palette_help_names_the_key() -> None:
    roll = game_keys.GAME.command("roll")
    assert palette_help(roll) == "At a chance node: the facilitator rolls (d)"
    jump = explorer_keys.EXPLORER.command("jump_to_node")
    assert palette_help(jump) == "Go straight to any node (the metrics are kept)"  # no key: none named
    toggle = explorer_keys.EXPLORER.command("toggle_map")
    assert palette_help(toggle) == "Show or hide the map of the scenario (m)"  # from the help line


def test_help_and_start_keys_come_from_the_table() -> None:
    text = help_text().plain
    for heading, rows in explorer_keys.EXPLORER.help_sections():
        assert heading in text
        assert all(keys in text for keys, _ in rows)
    assert [h for h, _ in explorer_keys.EXPLORER.help_sections()] == [
        "Walking", "Looking around", "Analysis", "Keeping your work", "On the outcome screen", "Everywhere", "Mouse"]
    assert keys_text().plain == " ⏎ Begin  ? Help  q Quit  ^p palette "


def test_palette_only_commands_are_offered_but_not_bound() -> None:
    table = explorer_keys.EXPLORER
    names = [c.palette for c in table.palette()]
    assert names[0] == "Jump to node…" and "Switch scenario…" in names and "Help" in names
    assert not [b for b in table.bindings(E.APP) if b.action in ("jump_to_node", "switch_scenario")]
