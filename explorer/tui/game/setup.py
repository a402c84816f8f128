"""The setup screen: team names for the actors, the turn timer and the dice seed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from explorer.game.errors import GameError
from explorer.game.teams import MAX_NAME, Teams
from explorer.graph import ScenarioGraph
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal
from explorer.tui.wording import actor_tag


@dataclass(frozen=True)
class Setup:
    """What the facilitator chose: the teams, the timer (None: off) and the seed (None: random)."""

    teams: Teams
    timer: float | None
    seed: int | None


def read_setup(names: dict[str, str], timer: str, seed: str) -> Setup:
    """The setup from the fields as typed; `GameError` says what is wrong, in words."""
    teams = Teams.from_pairs((actor, name) for actor, name in names.items() if name.strip())
    seconds: float | None = None
    if timer.strip():
        try:
            seconds = float(timer)
        except ValueError:
            raise GameError(f"the turn timer is not a number of seconds: {timer.strip()!r}") from None
        if not 1 <= seconds <= 24 * 3600:
            raise GameError("give the turn timer between 1 and 86400 seconds (or leave it empty: no timer)")
    number: int | None = None
    if seed.strip():
        try:
            number = int(seed)
        except ValueError:
            raise GameError(f"the dice seed is not a whole number: {seed.strip()!r}") from None
    return Setup(teams, seconds, number)


class SetupScreen(Screen[None]):
    """Assign actors to teams (the same name for several actors makes one team; empty: the
    facilitator plays it), set the timer and the seed, then start: `start(setup)` creates the
    game and returns None, or a message saying why it could not, shown here."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.SETUP)

    def __init__(self, graph: ScenarioGraph, start: Callable[[Setup], str | None], *, seed: int | None = None,
                 timer: float | None = None, store: str = "") -> None:
        super().__init__()
        self.graph, self.start, self.seed, self.timer, self.store = graph, start, seed, timer, store

    def compose(self) -> ComposeResult:
        scenario = self.graph.scenario
        yield Static(Content.assemble(("New classroom game: ", "bold"), literal(scenario.title, "bold", one_line=True)),
                     id="title-bar")
        with VerticalScroll(id="setup-body"):
            yield Static("Teams", classes="heading")
            yield Static("Type a team name for each actor a team plays (the same name twice: one team plays "
                         "both). Leave it empty and the facilitator plays that actor.", classes="hint")
            for actor_id in scenario.actors:
                with Horizontal(classes="setup-row"):
                    yield Static(actor_tag(self.graph, actor_id), classes="setup-label")
                    yield Input(placeholder="facilitator", max_length=MAX_NAME, id=f"team-{actor_id}",
                                classes="team-name")
            yield Static("Settings", classes="heading")
            with Horizontal(classes="setup-row"):
                yield Static("Turn timer, seconds (empty: none)", classes="setup-label")
                yield Input("" if self.timer is None else f"{self.timer:g}", placeholder="no timer", id="setup-timer")
            with Horizontal(classes="setup-row"):
                yield Static("Dice seed (empty: random, sealed until the debrief)", classes="setup-label")
                yield Input("" if self.seed is None else str(self.seed), placeholder="random", id="setup-seed")
            yield Static("A seed you type can be guessed from the commitment shown in play: use one only to "
                         "rehearse.", classes="hint")
            if self.store:
                yield Static(literal(f"The game will be saved in {self.store}"), classes="hint")
            yield Static("", id="setup-error")
            yield Button("Start the game", variant="primary", id="setup-start")
        yield Footer()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def names(self) -> dict[str, str]:
        return {actor: self.query_one(f"#team-{actor}", Input).value for actor in self.graph.scenario.actors}

    def error(self, text: str) -> None:
        self.query_one("#setup-error", Static).update(literal(text))

    def action_next_field(self) -> None:
        """Enter: on to the next field; on the last one (or the button) start the game.

        A priority binding, run as the key arrives, and the focus set at once: keys typed right
        after Enter (fast typing, a paste) land in the next field, not in the one just left."""
        fields = list(self.query(Input))
        focused = self.focused
        if isinstance(focused, Input) and focused in fields:
            at = fields.index(focused)
            if at + 1 < len(fields):
                self.set_focus(fields[at + 1])
                return
            self.action_start()
        elif isinstance(focused, Button):
            focused.press()

    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        try:
            setup = read_setup(self.names(), self.query_one("#setup-timer", Input).value,
                               self.query_one("#setup-seed", Input).value)
        except GameError as exc:
            self.error(str(exc))
            return
        problem = self.start(setup)
        if problem:
            self.error(problem)
