"""The options of the current node, numbered in file order, and the details of the focused one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
from explorer.tui.wording import actor_colour, actor_name, effects_text, number, probability_text, reasons_text
from explorer.tui.wrapping import hanging
from explorer.walk import OptionView, Walk

if TYPE_CHECKING:
    from explorer.analysis.outlooks import OptionMark

LOCK = "⊘"
STAR = "★"
"""Marks the equilibrium move when the analysis marks are on."""
TOP_CLASSES = 3
DETAIL_CLASSES = 8
"""Outcome classes listed for the highlighted option (the rest are summed in one line)."""

GUTTER = 4
PROMPTS_KEPT = 4096
"""Option prompts kept by an options panel (past it, it starts again)."""


ENDING_HINT = Content.assemble(
    "The walk ended here. ", ("o", "bold"), " shows the outcome and the path · ", ("⌫", "bold"), " goes back · ",
    ("r", "bold"), " restarts · ", ("c", "bold"), " compares it with the historical path · ", ("E", "bold"),
    " lists the endings reached · ", ("x", "bold"), " writes the walk as Markdown").stylize("dim")
"""What an ending's empty options panel says instead: where to go from here."""


def payoffs_text(graph: ScenarioGraph, payoffs: dict[str, float]) -> Content:
    """'●Blue 2 · ●Red 1 · ●Grey 3': each actor's short name after a dot in its colour, and the payoff. The
    name itself is in the text's colour, so that a dark actor colour stays readable on the highlighted
    option's bar."""
    parts = [
        Content.assemble(("●", actor_colour(graph, actor)), (actor_name(graph, actor, short=True), "bold"),
                         f" {number(value)}")
        for actor, value in payoffs.items()
    ]
    return Content(" · ").join(parts)


def classes_text(mark: OptionMark, top: int | None = TOP_CLASSES) -> Content:
    """The most likely outcome classes if the option is taken, each as number and words."""
    shown = mark.classes if top is None else mark.classes[:top]
    parts = [Content.assemble(literal(c.label, "bold", one_line=True), f" {probability_text(c.probability)}") for c in shown]
    more = len(mark.classes) - len(shown)
    tail = [Content.styled(f" +{more} more", "dim")] if more > 0 else []
    return Content.assemble(Content(" · ").join(parts), *tail)


def mark_lines(graph: ScenarioGraph, mark: OptionMark, policy: str = "") -> list[Content]:
    """The analysis lines under an option: equilibrium, odds of its endings under `policy`, expected
    payoffs (always under equilibrium play afterwards: said so)."""
    lines = [Content.styled(f"{STAR} equilibrium move", "bold $text-success")] if mark.equilibrium else []
    lines.append(Content.assemble((f"ends ({policy}): " if policy else "ends: ", "dim"), classes_text(mark)))
    lines.append(Content.assemble(("payoffs (equilibrium play): ", "dim"), payoffs_text(graph, mark.payoffs)))
    return lines


def option_prompt(
    graph: ScenarioGraph, view: OptionView, odds: float | None, width: int, mark: OptionMark | None = None,
    policy: str = "",
) -> Content:
    """The option's number in a gutter, then: label and effects; probability, confidence apart;
    for a locked option, the reason in words; with analysis marks, the equilibrium star, the odds
    of the outcome classes and the expected payoffs if it is taken."""
    option = view.option
    head = Content.styled(f"{view.number:>3} ", "bold" if view.available else "dim")
    if mark is not None and mark.equilibrium:
        head = Content.assemble((STAR, "bold $text-success"), Content.styled(f"{view.number:>2} ", "bold"))
    lines = [literal(option.label, "bold" if view.available else "dim strike", one_line=True)]
    if view.effects:
        lines.append(Content.styled(effects_text(graph, view.effects), "$text-accent"))
    facts: list[Content | str | tuple[str, str]] = []
    if option.probability is not None:
        who = "" if graph.node(view.action.node_id).KIND == NodeKind.CHANCE else "est. "
        facts.append(f"{who}{probability_text(option.probability)}")
        if odds is not None and abs(odds - option.probability) > 1e-9:
            facts.append(f", now {probability_text(odds)} with locked branches out")
    if option.confidence:
        facts += [("  │  " if facts else "", "dim"), (f"confidence: {option.confidence}", "italic")]
    if option.historical:
        facts += [("  │  " if facts else "", "dim"), ("historical", "italic")]
    if facts:
        lines.append(Content.assemble(*facts))
    if not view.available:
        lines.append(Content.styled(f"{LOCK} locked: {view.lock_reason}", "$text-warning"))
    if mark is not None:
        lines.extend(mark_lines(graph, mark, policy))
    return hanging(lines, head, width, GUTTER)


def option_detail(graph: ScenarioGraph, view: OptionView, mark: OptionMark | None = None, policy: str = "") -> Content:
    """The highlighted option: where it leads, why an actor would take it, indicators, sources,
    and with analysis marks every outcome class's odds and each actor's expected payoff."""
    option = view.option
    target = graph.node(option.to)
    parts: list[Content] = [
        Content.assemble((f"Option {view.number}: ", "bold"), literal(option.label, "bold", one_line=True)),
        Content.assemble(("Leads to: ", "dim"), literal(target.title, one_line=True)),
    ]
    parts += reasons_text(graph, option)
    if mark is not None:
        odds = [
            Content.assemble("• ", literal(c.label, one_line=True), f" {probability_text(c.probability)}")
            for c in mark.classes[:DETAIL_CLASSES]
        ]
        if len(mark.classes) > DETAIL_CLASSES:
            rest = sum(c.probability for c in mark.classes[DETAIL_CLASSES:])
            more = len(mark.classes) - DETAIL_CLASSES
            odds.append(Content.styled(f"• {more} more, together {probability_text(rest)}", "dim"))
        head = f"If taken, it ends ({policy}):" if policy else "If taken, it ends:"
        parts.append(Content("\n").join([Content.styled(head, "bold"), *odds]))
        payoffs = [Content.assemble("• ", payoffs_text(graph, {a: p})) for a, p in mark.payoffs.items()]
        parts.append(Content("\n").join([Content.styled("Expected payoffs (equilibrium after)", "bold"), *payoffs]))
    return Content("\n").join(parts)


class OptionsPanel(OptionList):
    """The current node's options. Selecting one (Enter, click) asks to take it; the screen
    decides, and a locked option is refused with the reason."""

    DEFAULT_CSS = """
    OptionsPanel {
        height: 45%; min-height: 6; border: round $primary 60%; padding: 0 0;
        overflow-y: scroll; scrollbar-size-vertical: 1;
    }
    OptionsPanel:focus { border: round $primary; }
    OptionsPanel > .option-list--option { padding: 0 1 0 0; }
    """

    class Chosen(Message):
        """The person chose option `index` (0-based)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Focused(Message):
        """The highlighted option changed (None: no option)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.walk: Walk | None = None
        self.marks: dict[int, OptionMark] | None = None
        """Option index → its analysis mark, when the marks are on (None: off)."""
        self.analysis_note = ""
        self.policy = ""
        self._width = 0
        self._prompts: dict[tuple[object, ...], Content] = {}
        """Option prompts without analysis marks, by (node, option, availability, lock, odds, width):
        a walk comes back to the same options often (back, restart), and a prompt is wrapped text."""
        self._prompts_graph: ScenarioGraph | None = None

    def _prompt_width(self) -> int:
        return (self.outer_size.width - self.styles.gutter.width - self.scrollbar_gutter.width or 48) - 1

    def on_resize(self) -> None:
        if self.walk is not None and self._prompt_width() != self._width:
            highlighted = self.highlighted
            self.show(self.walk, self.marks, self.analysis_note, self.policy)
            self.highlighted = highlighted

    def show(self, walk: Walk, marks: dict[int, OptionMark] | None = None, analysis_note: str = "",
             policy: str = "") -> None:
        """Render the walk's options; `marks` (option index → mark) adds the analysis to each, and
        `analysis_note` (e.g. the policy) goes in the frame."""
        self.walk, self.marks, self.analysis_note, self.policy = walk, marks, analysis_note, policy
        marks = marks or {}
        self._width = self._prompt_width()
        graph, node = walk.graph, walk.node
        views = walk.options()
        odds = walk.odds() if node.KIND == NodeKind.CHANCE else {}
        self.set_options(
            Option(self._prompt(graph, view, odds.get(view.index), marks.get(view.index), policy),
                   id=f"option-{view.index}")
            for view in views
        )
        if node.KIND == NodeKind.DECISION:
            self.border_title = Content.assemble(actor_name(graph, node.actor, short=True), " decides: 1–9 or click")
        elif node.KIND == NodeKind.CHANCE:
            self.border_title = "Chance: d rolls the dice · 1–9 picks"
        else:
            self.border_title = "An ending: o outcome · ⌫ back"
            self.add_option(Option(ENDING_HINT, disabled=True))
        subtitle = [f"{sum(v.available for v in views)} of {len(views)} open"] if views else []
        if analysis_note:
            subtitle.append(analysis_note)
        self.border_subtitle = " · ".join(subtitle)
        self.highlighted = 0 if views else None

    def _prompt(self, graph: ScenarioGraph, view: OptionView, odds: float | None, mark: OptionMark | None,
                policy: str) -> Content:
        """`option_prompt` at the panel's width, kept for the next time the walk shows it (unless marked)."""
        if mark is not None:
            return option_prompt(graph, view, odds, self._width, mark, policy)
        if graph is not self._prompts_graph or len(self._prompts) > PROMPTS_KEPT:
            self._prompts, self._prompts_graph = {}, graph
        key = (view.action.node_id, view.index, view.available, view.lock_reason, odds, self._width)
        prompt = self._prompts.get(key)
        if prompt is None:
            prompt = self._prompts[key] = option_prompt(graph, view, odds, self._width)
        return prompt

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))

    @on(OptionList.OptionHighlighted)
    def _focused(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Focused(event.option_index))


class OptionDetail(Static):
    """Where the highlighted option leads, its rationale, indicators and sources."""

    DEFAULT_CSS = """
    OptionDetail { height: auto; padding: 0 1; margin-top: 1; border-top: hkey $primary 50%; }
    """

    shown: tuple[object, ...] | None = None
    """(node, option, available, mark, policy) on show, so a repeated request does not repaint."""

    def show(self, graph: ScenarioGraph, view: OptionView | None, mark: OptionMark | None = None, policy: str = "") -> None:
        key = (view.action.node_id, view.index, view.available, mark, policy) if view is not None else None
        self.show_content(key, option_detail(graph, view, mark, policy) if view is not None else Content())

    def show_content(self, key: tuple[object, ...] | None, content: Content) -> None:
        """Show `content` (a move's details, say); `key` says what it shows, so a repeated request does not repaint."""
        if key == self.shown and key is not None:
            return
        self.shown = key
        self.display = bool(content.plain)
        self.update(content)
