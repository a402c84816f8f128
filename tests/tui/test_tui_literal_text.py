"""Scenario text is shown literally: markup, ANSI escapes, huge words and texts never crash
the screen or break its layout."""

from __future__ import annotations

from rich.style import Style
from textual.widgets import Static

from explorer.tui.app import make_app
from explorer.tui.literal import literal, printable
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.widgets.options import OptionsPanel
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.tui.widgets.scenario_text import ScenarioText
from tests.tui.tui_helpers import LONG_WORD, SIZE, graph_from_text, hostile_yaml


def test_printable_makes_control_characters_visible() -> None:
    assert printable("a\x1b[31mb\x07\tc") == "a␛[31mb␇    c"
    assert printable("x\ny") == "x\ny" and printable("x\ny", one_line=True) == "x y"
    assert printable("\x9b") == "\\x9b"
    assert literal("[bold]x[/]").plain == "[bold]x[/]"


def _visible_text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static).results() if w.display) + "\n".join(
        str(w.render()) for w in screen.query(ScenarioText) if w.display
    )


async def test_hostile_text_is_shown_literally_and_the_layout_holds() -> None:
    graph = graph_from_text(hostile_yaml())
    for size in (SIZE, (80, 24)):
        app = make_app(graph, seed=3)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            start = app.screen
            assert "[bold]not bold[/] [/]" in _visible_text(start)
            await pilot.press("enter")
            main = app.screen
            assert isinstance(main, MainScreen)
            await pilot.pause()
            shown = _visible_text(main)
            assert "[bold]not bold[/] [/] [red]x[/red] [@click=app.quit]no action[/] $var" in shown
            assert "␛[31mred?␛[0m" in shown and "\x1b" not in shown
            # the 5,000-line text is there, as plain text, and scrolls inside its panel
            assert "line 4999 [b]4999[/b] ␛[1m" in shown
            options = main.query_one(OptionsPanel)
            assert options.region.height >= 4 and options.region.bottom <= size[1] - 1
            assert options.region.right <= size[0]
            prompt = str(options.get_option_at_index(0).prompt)
            assert "[bold]not bold[/]" in prompt
            await pilot.press("m")
            tree = main.query_one(ScenarioMap)
            label = tree.render_label(tree.root, Style(), Style()).plain
            assert "[bold]not bold[/]" in label
            await pilot.press("2")  # the long-word option is locked
            assert app.walk.node_id == "n1"
            await pilot.press("1")
            assert app.walk.node_id == "n2"
            assert LONG_WORD[:200] in "".join(_visible_text(app.screen).split())
            await pilot.press("1")
            assert isinstance(app.screen, OutcomeScreen)
            await pilot.pause()
            assert "[bold]not bold[/]" in _visible_text(app.screen)
            await pilot.press("backspace", "2")
            assert isinstance(app.screen, OutcomeScreen) and app.walk.node_id == "end2"
            await pilot.press("ctrl+p")
            await pilot.press(*"jump")
            await pilot.pause()
            await pilot.press("escape")
            assert app.is_running
