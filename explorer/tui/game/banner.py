"""The banner over the play screen: whose move it is, the turn, and the turn timer."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from explorer.format.models import NodeKind
from explorer.game.session import GameSession
from explorer.tui.game.keys import GAME
from explorer.tui.literal import literal
from explorer.tui.wording import actor_colour


def clock(seconds: float) -> str:
    """'1:05' for 65 seconds (rounded up, so 0:00 shows only when time is up)."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def hint(session: GameSession) -> str:
    """What can be done now, in a line."""
    key = GAME.key
    if session.finished:
        return f"The game is over — {key('debrief')}: the debrief · {key('undo')}: undo the last move"
    if session.kind == NodeKind.CHANCE:
        return (f"{key('roll')}: the facilitator rolls the dice (seed {session.meta.seed}) · "
                f"{key('override')}: override · {key('inject')}: inject")
    return (f"{key('choose')}: choose, then the rationale · {key('briefing')}: briefing · {key('undo')}: undo · "
            f"{key('inject')}: inject")


class Banner(Widget):
    """Two lines: 'Team Red — North Korea decides · Turn 3 · ⏱ 1:45', then what can be done.

    When the timer runs out the banner turns red and asks for a decision.
    """

    DEFAULT_CSS = """
    Banner { height: 3; padding: 0 1; background: $primary-background-darken-1; content-align: left middle; }
    Banner.-time-up { background: $error 60%; }
    """

    def __init__(self, session: GameSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.remaining: float | None = None

    def show(self, remaining: float | None) -> None:
        self.remaining = remaining
        self.set_class(remaining is not None and remaining <= 0, "-time-up")
        self.refresh()

    def render(self) -> Content:
        session = self.session
        colour = actor_colour(session.graph, session.actor) if session.kind == NodeKind.DECISION else "$text"
        parts: list[Content | tuple[str, str] | str] = [
            ("▌ ", colour), literal(session.banner, f"bold {colour}", one_line=True), (f"   Turn {session.turn}", "bold"),
        ]
        if self.remaining is not None:
            if self.remaining <= 0:
                parts.append(("   ⏱ TIME IS UP — decide now", "bold reverse"))
            else:
                parts.append((f"   ⏱ {clock(self.remaining)}", "bold $text-warning"))
        return Content("\n").join([Content.assemble(*parts), Content.styled(hint(session), "$text-muted")])
