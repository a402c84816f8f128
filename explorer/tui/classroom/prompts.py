"""A form in a modal box: some lines to fill in (and perhaps a list to pick from), for arguing a move,
countering one, ruling on one, or writing news. It closes with what was typed; the session checks it.

Each app binds its keys from its own command table (`GameFormPrompt`, `SeatFormPrompt`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explorer.game.session import MAX_TEXT
from explorer.tui.literal import literal


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    placeholder: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Filled:
    """What a `FormPrompt` closes with: the picked item's key (if it had a list) and each field's text."""

    choice: Any
    values: dict[str, str] = field(default_factory=dict)


class FormPrompt(ModalScreen[Filled | None]):
    """`fields` to fill in, and `choices` ((key, label) pairs) to pick one from first, when given.
    Enter on the last field (or ctrl+s) closes with what was typed; Escape cancels (None)."""

    DEFAULT_CSS = """
    FormPrompt { align: center middle; }
    FormPrompt > Vertical { width: 90%; max-width: 100; height: auto; max-height: 95%; border: thick $accent;
                            background: $surface; padding: 0 1; }
    FormPrompt .form-title { text-style: bold; color: $accent; margin-bottom: 1; }
    FormPrompt .form-hint { color: $text-muted; }
    FormPrompt .form-error { color: $text-error; text-style: bold; height: auto; }
    FormPrompt OptionList { height: auto; max-height: 8; }
    FormPrompt VerticalScroll { height: auto; max-height: 12; }
    FormPrompt Input { margin: 0; background: $boost; }
    FormPrompt Input:focus { background: $primary 30%; }
    """

    AUTO_FOCUS = "#form-choices, Input"
    """The choices, else the first line, take the focus as the form is composed: the default ('*') gave it
    to the intro's scroll first, and keys typed ahead (`explorer.tui.typeahead`) went there."""

    def __init__(self, title: Content | str, fields: Sequence[Field], *, intro: Content | str = "",
                 choices: Sequence[tuple[Any, str]] = (), hint: str = "") -> None:
        super().__init__()
        self.title_text = Content(title) if isinstance(title, str) else title
        self.intro = Content(intro) if isinstance(intro, str) else intro
        self.fields, self.choices, self.hint = list(fields), list(choices), hint
        self.chosen: Any = None if self.choices else True

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="form-title")
            if self.intro.plain:
                with VerticalScroll():
                    yield Static(self.intro)
            if self.choices:
                yield OptionList(*(Option(literal(label, one_line=True)) for _, label in self.choices),
                                 id="form-choices")
            for f in self.fields:
                yield Static(f.label)
                yield Input(value=f.value, placeholder=f.placeholder, max_length=MAX_TEXT, id=f"form-{f.key}",
                            compact=True)
            yield Static("", classes="form-error")
            default = ("Enter: next line, and on the last one: done · Escape: cancel" if self.fields
                       else "Enter: choose · Escape: cancel")
            yield Static(self.hint or default, classes="form-hint")

    def on_mount(self) -> None:
        first = "#form-choices" if self.choices else (f"#form-{self.fields[0].key}" if self.fields else None)
        if first:
            self.query_one(first).focus()

    @on(OptionList.OptionSelected, "#form-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        """Choice `index` taken: on to the first line (the focus set at once), or done."""
        self.chosen = self.choices[index][0]
        if self.fields:
            self.set_focus(self.query_one(f"#form-{self.fields[0].key}"))
        else:
            self.action_submit()

    def action_next_field(self) -> None:
        """Enter: pick on the list, or on to the next line; on the last one, done.

        A priority binding, run as the key arrives, and the focus set at once: keys typed right
        after Enter (fast typing, a paste) land in the next line, not in the one just left."""
        focused = self.focused
        if isinstance(focused, OptionList):
            if focused.highlighted is not None:  # chosen here, not by the list's message: keys behind it wait
                self._choose(focused.highlighted)
            return
        fields = list(self.query(Input))
        if isinstance(focused, Input) and focused in fields and fields.index(focused) + 1 < len(fields):
            self.set_focus(fields[fields.index(focused) + 1])
            return
        self.action_submit()

    def action_submit(self) -> None:
        if self.chosen is None:
            self.query_one(".form-error", Static).update("Pick one from the list first (Enter on it).")
            self.query_one("#form-choices").focus()
            return
        values = {f.key: self.query_one(f"#form-{f.key}", Input).value for f in self.fields}
        self.dismiss(Filled(self.chosen if self.choices else None, values))

    def action_cancel(self) -> None:
        self.dismiss(None)


def reasons(values: dict[str, str], keys: Sequence[str] = ("reason1", "reason2", "reason3")) -> list[str]:
    """The reasons typed, blank ones left out."""
    return [values[k] for k in keys if values.get(k, "").strip()]


REASON_FIELDS = [Field("reason1", "Reason 1", "why it would work"), Field("reason2", "Reason 2 (optional)"),
                 Field("reason3", "Reason 3 (optional)")]
