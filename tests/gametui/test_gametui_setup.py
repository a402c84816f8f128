"""The setup screen: team names for actors (one team, several actors), timer and seed; refusals."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from explorer.loading import LoadResult
from explorer.tui.game.app import make_setup_app
from explorer.tui.game.play import PlayScreen
from explorer.tui.game.setup import SetupScreen
from tests.gametui.gametui_helpers import SIZE, shown, type_text


async def test_setup_creates_the_game_and_starts_play(fixture_load: LoadResult, tmp_path: Path) -> None:
    store = tmp_path / "setup.sqlite"
    app = make_setup_app(fixture_load, store, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#setup-seed", Input).value == "5"
        await type_text(pilot, "Navy")          # blue
        await pilot.press("tab")
        await type_text(pilot, "Navy")          # red: the same team holds both
        await pilot.press("tab", "tab")          # grey stays with the facilitator
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SetupScreen)
        assert "not a number of seconds: 'abc'" in shown(app, "#setup-error")
        assert not store.exists()
        timer = app.screen.query_one("#setup-timer", Input)
        timer.value = ""
        timer.focus()
        await type_text(pilot, "90")
        await pilot.press("tab", "backspace")
        await type_text(pilot, "77")
        await pilot.press("enter")              # Enter on the last field starts the game
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        session = app.session
        assert session is not None and session.store.path == store
        assert session.teams.members == {"Navy": ("blue", "red")}
        assert session.meta.seed == 77 and session.meta.timer == 90
        assert shown(app, "#banner").startswith("▌ Team Navy — Blue Navy decides   Turn 1   ⏱ 1:")
    session.close()


async def test_setup_refuses_bad_team_names_and_an_existing_store(fixture_load: LoadResult, tmp_path: Path) -> None:
    store = tmp_path / "taken.sqlite"
    store.write_bytes(b"")
    app = make_setup_app(fixture_load, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Facilitator")
        await pilot.press("ctrl+s")
        assert "'facilitator' is the facilitator's seat" in shown(app, "#setup-error")
        app.screen.query_one("#team-blue", Input).value = "[red]Blue[/]"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SetupScreen)
        assert "already exists" in shown(app, "#setup-error")
        assert app.session is None


async def test_keys_typed_right_after_enter_land_in_the_next_field(fixture_load: LoadResult, tmp_path: Path) -> None:
    """As a fast typist or a paste sends them: every key queued at once, none waited for."""
    app = make_setup_app(fixture_load, tmp_path / "burst.sqlite", seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        for key in [*"Navy", "enter", *"Reds", "enter", "enter", *"90"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause(0.2)
        fields = [field.value for field in app.screen.query(Input)]
        assert fields[:4] == ["Navy", "Reds", "", "90"]
