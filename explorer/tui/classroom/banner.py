"""The banner over a game screen: who this screen is and what it waits for, the turn, the clock, and
a line of what can be done. The same widget on the facilitator's screen and on every seat."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from explorer.game.view_models import GameView
from explorer.tui.classroom.texts import banner, clock
from explorer.tui.literal import literal


class GameBanner(Static):
    """'▌ Team Red — North Korea decides   Turn 3   ⏱ 1:45' (the facilitator's) or the team's line,
    then `hint`. When the timer runs out the banner turns red."""

    DEFAULT_CSS = """
    GameBanner { height: auto; min-height: 2; padding: 0 1; background: $primary-background-darken-1; }
    GameBanner.-time-up { background: $error 60%; }
    """

    def show(self, view: GameView, remaining: float | None, hint: str = "", colour: str = "$text") -> None:
        up = remaining is not None and remaining <= 0
        self.set_class(up, "-time-up")
        if view.viewer.facilitator:
            parts: list[Content | tuple[str, str] | str] = [
                ("▌ ", colour), literal(view.banner, f"bold {colour}", one_line=True), (f"   Turn {view.turn}", "bold")]
        else:
            parts = [banner(view)]
        if remaining is not None and not view.ended:
            parts.append(("   ⏱ TIME IS UP — decide now", "bold reverse") if up and view.viewer.facilitator else
                         ("   ⏱ time is up", "bold reverse") if up else (f"   ⏱ {clock(remaining)}", "bold $text-warning"))
        lines = [Content.assemble(*parts)]
        if hint:
            lines.append(Content.styled(hint, "$text-muted"))
        self.update(Content("\n").join(lines))
