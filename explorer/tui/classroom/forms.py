"""The forms of a game screen: a round's orders (one per actor the viewer gives orders for) and a
class forecast. They post what was entered; the screen sends it to the session, which checks it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static

from explorer.game.session import MAX_TEXT
from explorer.game.view_models import ForecastView, OrderForm, RoundView
from explorer.tui.classroom.options import SeatOptions
from explorer.tui.literal import literal


class ActorOrders(Vertical):
    """One actor's orders: its moves, the rationale, and the orders given so far (they may be changed)."""

    DEFAULT_CSS = """
    ActorOrders { height: auto; margin-bottom: 1; }
    ActorOrders > .orders-head { text-style: bold; color: $text-accent; }
    ActorOrders > SeatOptions { height: auto; max-height: 12; border: round $primary 60%; }
    ActorOrders > SeatOptions:focus { border: round $primary; }
    ActorOrders > .orders-status { height: auto; }
    ActorOrders > Horizontal { height: auto; }
    ActorOrders Input { width: 1fr; background: $boost; }
    ActorOrders Input:focus { background: $primary 30%; }
    ActorOrders Button { margin-left: 1; }
    """

    def __init__(self, form: OrderForm) -> None:
        super().__init__()
        self.form = form
        self.chosen: int | None = None
        """The 0-based move picked and not sent yet."""

    def compose(self) -> ComposeResult:
        yield Static(classes="orders-head")
        yield SeatOptions(classes="orders-moves")
        yield Static(classes="orders-status")
        with Horizontal():
            yield Input(placeholder="Why these orders? (you may skip it; the skip is logged)", max_length=MAX_TEXT,
                        classes="orders-why", compact=True)
            yield Button("Give orders", variant="primary", classes="orders-send", compact=True)

    def on_mount(self) -> None:
        self.show(self.form)

    def show(self, form: OrderForm) -> None:
        self.form = form
        default = f" · default move: {form.default}" if form.default else ""
        self.query_one(".orders-head", Static).update(
            literal(f"Orders for {form.actor_name} — keys 1–9 or Enter on a move, then why{default}", one_line=True))
        options = self.query_one(SeatOptions)
        options.show(form.moves)
        if self.chosen is None and form.current is not None:  # the cursor on the orders given
            options.highlighted = form.current.number - 1
        self.query_one(".orders-send", Button).label = "Change orders" if form.current else "Give orders"
        self._status()

    def pick(self, index: int) -> None:
        self.chosen = index
        self.query_one(SeatOptions).highlighted = index
        self._status()
        self.query_one(Input).focus()

    def _status(self) -> None:
        form, status = self.form, self.query_one(".orders-status", Static)
        parts = []
        if form.current is not None:
            why = form.current.rationale or "rationale skipped"
            parts.append(Content.assemble(("Your orders: ", "bold"), f"{form.current.number}. ",
                                          literal(form.current.label, "bold $text-success", one_line=True),
                                          literal(f" — {why}", "dim"),
                                          Content.styled(" (you may change them until the round closes)", "dim")))
        if self.chosen is not None and 0 <= self.chosen < len(form.moves):
            move = form.moves[self.chosen]
            parts.append(Content.assemble(("Picked: ", "bold"), f"{move.number}. ",
                                          literal(move.label, "bold", one_line=True),
                                          (" — write why, then Enter or the button", "dim")))
        elif form.current is None:
            parts.append(Content.styled("No orders yet: pick a move.", "dim"))
        status.update(Content("\n").join(parts))


class OrdersForm(Vertical):
    """The viewer's orders at a round, one `ActorOrders` per actor it gives orders for."""

    DEFAULT_CSS = """
    OrdersForm { height: auto; }
    """

    class Submit(Message):
        """Orders to send: `actor`'s move `move` (0-based) with a rationale, for turn `turn`."""

        def __init__(self, actor: str, move: int, rationale: str, turn: int) -> None:
            super().__init__()
            self.actor, self.move, self.rationale, self.turn = actor, move, rationale, turn

    class Refused(Message):
        """Something the form cannot send (no move picked, a locked move), in words."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: tuple[int, tuple[str, ...]] | None = None

    def show(self, round_view: RoundView | None) -> None:
        """Show the forms of `round_view` (none away from a round); new forms only for a new round."""
        forms = round_view.forms if round_view is not None else ()
        self.display = bool(forms)
        key = (forms[0].turn if forms else -1, tuple(f.actor for f in forms))
        if key != self._key:
            self._key = key
            self.remove_children()
            self.mount_all([ActorOrders(form) for form in forms])
            return
        for widget, form in zip(self.query(ActorOrders), forms, strict=False):
            widget.show(form)

    @property
    def actors(self) -> list[ActorOrders]:
        return list(self.query(ActorOrders))

    def target(self) -> ActorOrders | None:
        """The form keys act on: the one with the focus, else the first without orders, else the first."""
        forms = self.actors
        focused = self.screen.focused
        for form in forms:
            if focused is not None and (focused is form or form in focused.ancestors):
                return form
        return next((f for f in forms if f.form.current is None), forms[0] if forms else None)

    def choose(self, number: int) -> bool:
        """Pick move `number` (1-based) in the target form; False when there is no form here."""
        form = self.target()
        if form is None:
            return False
        moves = form.form.moves
        if not 1 <= number <= len(moves):
            self.post_message(self.Refused(f"{form.form.actor_name} has no move {number} here"))
        elif not moves[number - 1].available:
            self.post_message(self.Refused(f"move {number} is locked: {moves[number - 1].lock_reason}"))
        else:
            form.pick(number - 1)
        return True

    @on(OptionList.OptionSelected, ".orders-moves")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        form = next(f for f in self.actors if event.option_list in f.query(SeatOptions))
        self._pick(form, event.option_index)

    def _pick(self, form: ActorOrders, index: int) -> None:
        move = form.form.moves[index]
        if not move.available:
            self.post_message(self.Refused(f"move {move.number} is locked: {move.lock_reason}"))
            return
        form.pick(index)

    @on(Input.Submitted, ".orders-why")
    @on(Button.Pressed, ".orders-send")
    def _send(self, event: Message) -> None:
        event.stop()
        widget = getattr(event, "input", None) or getattr(event, "button", None)
        form = next((f for f in self.actors if widget in f.query("*")), None)
        if form is None:
            return
        if form.chosen is None:
            self.post_message(self.Refused(f"Pick a move for {form.form.actor_name} first (keys 1–9, or Enter on "
                                           "the list)."))
            return
        why = form.query_one(Input)
        self.post_message(self.Submit(form.form.actor, form.chosen, why.value, form.form.turn))
        form.chosen = None
        why.value = ""
        form.query_one(SeatOptions).focus()  # letters are keys again, not text


class ForecastForm(Vertical):
    """The open class forecast: one box per branch (a percentage), and the spread once it closed."""

    DEFAULT_CSS = """
    ForecastForm { height: auto; margin-top: 1; }
    ForecastForm > Horizontal { height: auto; }
    ForecastForm Input { width: 10; margin-right: 1; background: $boost; }
    ForecastForm Input:focus { background: $primary 30%; }
    """

    class Submit(Message):
        def __init__(self, number: int, values: list[str]) -> None:
            super().__init__()
            self.number, self.values = number, values

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: tuple[int, bool] | None = None
        self.number = 0

    def compose(self) -> ComposeResult:
        yield Static(classes="forecast-text")
        yield Horizontal(classes="forecast-boxes")

    def show(self, forecast: ForecastView | None, text: Content) -> None:
        self.display = forecast is not None
        self.query_one(".forecast-text", Static).update(text)
        if forecast is None:
            return
        boxes = self.query_one(".forecast-boxes", Horizontal)
        entering = forecast.open and bool(forecast.may_enter)
        key = (forecast.number, entering)
        boxes.display = entering
        if key == self._key:
            return
        self._key, self.number = key, forecast.number
        boxes.remove_children()
        if entering:
            inputs = [Input(placeholder=f"{i + 1}: %", classes="forecast-box", type="number", compact=True)
                      for i in range(len(forecast.branches))]
            boxes.mount_all([*inputs, Button("Enter forecast", classes="forecast-send", compact=True)])

    @on(Input.Submitted, ".forecast-box")
    @on(Button.Pressed, ".forecast-send")
    def _send(self, event: Message) -> None:
        event.stop()
        values = [box.value for box in self.query(".forecast-box").results(Input)]
        self.post_message(self.Submit(self.number, values))
