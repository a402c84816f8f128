"""Modal prompts of the game: a rationale or reason, a choice with a reason, a briefing, a roll.

Each is a `ModalScreen[Result]` that the play screen awaits (`push_screen_wait`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explorer.game.briefing import Briefing
from explorer.game.dice import DiceRoll
from explorer.game.session import MAX_TEXT
from explorer.tui.classroom.prompts import FormPrompt
from explorer.tui.game.dice_view import dice_strip, dice_text
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal
from explorer.tui.palette_match import match
from explorer.tui.widgets.scenario_text import ScenarioText

MAX_CHOICES = 100

Key = TypeVar("Key")


@dataclass(frozen=True, slots=True)
class Choice(Generic[Key]):
    """What a `ChoicePrompt` closes with: the chosen item's key and the reason given."""

    key: Key
    reason: str


class AfterRoll(Enum):
    """What the facilitator does once the dice are shown."""

    GO_ON = "go on"
    OVERRIDE = "override the result"


class TextPrompt(ModalScreen[str | None]):
    """Ask for a short text. Enter records it (blank: skipped, unless `required`); Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.TEXT_PROMPT)

    def __init__(self, title: Content, question: str, *, placeholder: str = "", required: bool = False) -> None:
        super().__init__(classes="prompt")
        self.title_text, self.question, self.placeholder, self.required = title, question, placeholder, required

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(self.title_text, classes="prompt-title")
            yield Static(self.question)
            yield Input(placeholder=self.placeholder, max_length=MAX_TEXT, id="prompt-input")
            yield Static("", classes="prompt-error")
            skip = "" if self.required else " (nothing typed: skipped, and the skip is logged)"
            yield Static(f"Enter: record it{skip} · {GAME.key('cancel')}: cancel", classes="prompt-hint")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.query_one(".prompt-error", Static).update("A reason is needed: it goes into the log.")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePrompt(ModalScreen[Choice[Key] | None], Generic[Key]):
    """Pick one of `choices` ((key, label) pairs; type to filter when `filtered`), then give a
    reason. Closes with `Choice(key, reason)`, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.CHOICE_PROMPT)

    def __init__(self, title: Content, choices: Sequence[tuple[Key, str]], *, filtered: bool = False,
                 what: str = "option") -> None:
        super().__init__(classes="prompt")
        self.title_text, self.choices, self.filtered, self.what = title, list(choices), filtered, what
        self.chosen: Key | None = None
        self.shown: list[tuple[Key, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box", id="choice-box"):
            yield Static(self.title_text, classes="prompt-title")
            if self.filtered:
                yield Input(placeholder=f"Type to find the {self.what}; ↓ or Enter to the list", id="choice-filter")
            yield OptionList(id="choice-list")
            yield Static(Content.styled(f"No {self.what} chosen yet", "dim"), id="choice-made")
            yield Input(placeholder="Reason (needed; it goes into the log)", max_length=MAX_TEXT, id="choice-reason")
            yield Static("", classes="prompt-error")
            yield Static(f"Enter on the list: choose · Enter on the reason: record · {GAME.key('cancel')}: cancel",
                         classes="prompt-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#choice-filter" if self.filtered else "#choice-list").focus()

    def _fill(self, query: str) -> None:
        scored = [(match(query, label)[0], key, label) for key, label in self.choices]
        self.shown = [(key, label) for score, key, label in scored if score > 0][:MAX_CHOICES]
        if query.strip():
            self.shown.sort(key=lambda kl: -match(query, kl[1])[0])
        listing = self.query_one("#choice-list", OptionList)
        listing.set_options(Option(literal(label, one_line=True)) for _, label in self.shown)
        listing.highlighted = 0 if self.shown else None

    @on(Input.Changed, "#choice-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#choice-filter")
    def _to_list(self) -> None:
        self.query_one("#choice-list").focus()

    def on_key(self, event: Any) -> None:
        if event.key == "down" and self.focused is not None and self.focused.id == "choice-filter":
            event.stop()
            self.query_one("#choice-list").focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key, label = self.shown[event.option_index]
        self.chosen = key
        self.query_one("#choice-made", Static).update(Content.assemble(("Chosen: ", "bold"), literal(label, one_line=True)))
        self.query_one("#choice-reason").focus()

    @on(Input.Submitted, "#choice-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.query_one(".prompt-error", Static)
        if self.chosen is None:
            error.update(f"Choose the {self.what} first (on the list, Enter).")
        elif not event.value.strip():
            error.update("A reason is needed: it goes into the log.")
        else:
            self.dismiss(Choice(self.chosen, event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActorBriefingScreen(ModalScreen[None]):
    """An actor's briefing (from `GameSession.briefing`): name, team, objectives, text."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.BRIEFING)

    def __init__(self, briefing: Briefing) -> None:
        super().__init__(classes="prompt")
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        brief = self.briefing
        with Vertical(classes="prompt-box"):
            yield Static(Content.assemble("Briefing: ", literal(brief.name, one_line=True), " — ",
                                          literal(brief.team, one_line=True)), classes="prompt-title")
            with VerticalScroll(id="briefing-body"):
                goals = [Content.assemble("• ", literal(goal, one_line=True)) for goal in brief.objectives]
                if goals:
                    yield Static(Content("\n").join([Content.styled("Objectives", "bold"), *goals]))
                yield ScenarioText(brief.text or "(this actor has no briefing text)", id="briefing-text")
            yield Static(f"{GAME.key('close', Scope.BRIEFING)}: back to the game", classes="prompt-hint")

    def on_mount(self) -> None:
        self.query_one("#briefing-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class RollScreen(ModalScreen[AfterRoll]):
    """The dice just rolled, for the class to check; closes with what the facilitator does next."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.ROLL)

    def __init__(self, record: DiceRoll, node_title: str, to_title: str) -> None:
        super().__init__(classes="prompt")
        self.record, self.node_title, self.to_title = record, node_title, to_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box", id="roll-box"):
            yield Static(Content.assemble("The dice: ", literal(self.node_title, one_line=True)), classes="prompt-title")
            yield Static(dice_strip(self.record), id="dice-strip")
            yield Static(dice_text(self.record), id="dice-text")
            yield Static(Content.assemble(("Result: ", "bold"), literal(self.record.label, "bold", one_line=True),
                                          " → ", literal(self.to_title, one_line=True)), id="dice-result")
            keys = GAME.key("close", Scope.ROLL), GAME.key("override", Scope.ROLL)
            yield Static(f"{keys[0]}: go on · {keys[1]}: the facilitator overrides the result (with a reason)",
                         classes="prompt-hint")

    def action_close(self) -> None:
        self.dismiss(AfterRoll.GO_ON)

    def action_override(self) -> None:
        self.dismiss(AfterRoll.OVERRIDE)


class GameFormPrompt(FormPrompt):
    """A form over the facilitator's screen (news, a ruling, the missing orders)."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.FORM)
