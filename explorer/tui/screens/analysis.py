"""The analysis screen: outcome odds as a bar chart, expected payoffs per actor, the equilibrium
path and the most likely path, under the policy the person picks (`p` cycles it).

Everything shown comes from `explorer.analysis` through the app's `Analyst`; this screen only lays
it out, pre-wrapped for its width so that 80×24 reads as well as a wide terminal."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.analysis.outlooks import DEAD_END, Outlooks
from explorer.analysis.summary import PathStep
from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.tui.analyst import POLICIES, POLICY_WORDS, Analyst
from explorer.tui.host import explorer_host
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal
from explorer.tui.messages import AnalysisFailed, AnalysisReady
from explorer.tui.widgets.metrics import bar
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import actor_colour, actor_name, actor_tag, number, probability_text
from explorer.tui.wrapping import hanging

STEP_GUTTER = 5
CHART_MOST = 40
"""Most bars in the outcome odds chart; the rest are summed in one line (a 100k-node tree has 50,000 endings)."""


def _title(graph: ScenarioGraph, outcome_id: str) -> str:
    return "dead end (every option locked)" if outcome_id == DEAD_END else graph.node(outcome_id).title


def odds_chart(outlooks: Outlooks, policy: str, width: int) -> Content:
    """A bar per outcome, most likely first, on a 0–1 scale, each with its number and words."""
    graph = outlooks.graph
    odds = outlooks.outcome_odds(policy, CHART_MOST)
    lines = [
        Content.assemble((f"Outcome odds: {policy}", "bold $text-accent"), (f" ({POLICY_WORDS[policy]})", "dim")),
    ]
    if not odds:
        return Content("\n").join([*lines, Content.styled("No ending can be reached.", "italic")])
    words = [probability_text(p) for _, p in odds]
    number_width = max(len(w) for w in words)
    label_width = max(min(max(len(_title(graph, o)) for o, _ in odds), width // 3), 10)
    bar_width = max(width - label_width - number_width - 4, 4)
    for (outcome_id, p), said in zip(odds, words, strict=True):
        label = literal(_title(graph, outcome_id), one_line=True).truncate(label_width, ellipsis=True, pad=True)
        filled, empty = bar(p, bar_width)
        style = "$text-error" if outcome_id == DEAD_END else "$text-success"
        lines.append(Content.assemble(label, "  ", (filled, style), (empty.replace(" ", "·"), "dim"), "  ", said))
    left_out = outlooks.reached_count(policy) - len(odds)
    if left_out > 0:
        rest = max(1.0 - sum(p for _, p in odds), 0.0)
        lines.append(Content.styled(f"… and {left_out} less likely endings, together {probability_text(rest)}", "dim"))
    unreached = len(graph.outcomes) - (outlooks.reached_count(policy) - (outlooks.analysis.results[policy].stuck > 0))
    if unreached:
        lines.append(Content.styled(f"{unreached} of {len(graph.outcomes)} endings cannot be reached this way.", "dim"))
    return Content("\n").join(lines)


def likeliest_by_policy(outlooks: Outlooks, width: int) -> Content:
    """The most likely ending under each policy, one line each."""
    lines = [Content.styled("Most likely ending under each policy", "bold")]
    for policy in POLICIES:
        found = outlooks.likeliest(policy)
        if found is None:
            continue
        outcome_id, p = found
        text = Content.assemble(literal(_title(outlooks.graph, outcome_id), one_line=True), f"  {probability_text(p)}")
        lines.append(hanging([text], Content.styled(f"  {policy}", "bold"), width, 15))
    return Content("\n").join(lines)


def payoff_table(outlooks: Outlooks, policy: str, width: int) -> Content:
    """Each actor's expected payoff: under equilibrium play, and under the chosen policy."""
    graph, analysis = outlooks.graph, outlooks.analysis
    expected = analysis.results[policy].payoffs
    columns = ["equilibrium", f"under {policy}"] if policy != "equilibrium" else ["equilibrium"]
    name_width = max(min(width - 14 * len(columns), 28), 8)
    head = Content.assemble(("Expected payoffs".ljust(name_width), "bold"), *((f"{c:>14}", "bold") for c in columns))
    lines = [head]
    for actor_id, value in analysis.payoffs.items():
        cells = [f"{number(round(value, 2)):>14}"]
        if len(columns) > 1:
            cells.append(f"{number(round(expected[actor_id], 2)):>14}")
        lines.append(Content.assemble(actor_tag(graph, actor_id).truncate(name_width, ellipsis=True, pad=True), *cells))
    return Content("\n").join(lines)


def path_lines(graph: ScenarioGraph, steps: list[PathStep], heading: Content, width: int) -> Content:
    """A path as numbered moves ('Actor: label', chance moves with their odds), then its ending."""
    lines = [heading]
    for n, step in enumerate(steps, start=1):
        if step.option is None:
            end = Content.assemble(("ends: ", "dim"), literal(graph.node(step.node_id).title, "bold", one_line=True))
            lines.append(hanging([end], "", width, STEP_GUTTER))
            continue
        who = Content.styled(f"{actor_name(graph, step.actor, short=True)}: ", actor_colour(graph, step.actor))
        move = Content.assemble(who, literal(step.label or "", one_line=True))
        if step.kind == NodeKind.CHANCE or step.probability < 1.0:
            move = Content.assemble(move, (f"  {probability_text(step.probability)}", "dim"))
        lines.append(hanging([move], f"{n:>3}. ", width, STEP_GUTTER))
    return Content("\n").join(lines)


def paths_text(outlooks: Outlooks, policy: str, width: int) -> Content:
    graph = outlooks.graph
    eq = path_lines(graph, outlooks.analysis.eq_path, Content.styled("Equilibrium path", "bold"), width)
    steps, p = outlooks.likely_path(policy)
    heading = Content.assemble((f"Most likely path ({policy})", "bold"), f"  {probability_text(p)} as a whole")
    return Content("\n\n").join([eq, path_lines(graph, steps, heading, width)])


class AnalysisScreen(Screen[None]):
    """What the solved scenario says: odds of each ending, expected payoffs, the paths."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.ANALYSIS)

    def __init__(self, graph: ScenarioGraph, analyst: Analyst) -> None:
        super().__init__()
        self.graph = graph
        self.analyst = analyst
        self.outlooks: Outlooks | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Analysis: ", "bold"), literal(self.graph.scenario.title, "bold", one_line=True)),
            id="title-bar",
        )
        with VerticalScroll(id="analysis-body"):
            yield Static("Solving the scenario…", id="analysis-wait")
            yield Wrapped(id="analysis-odds")
            yield Wrapped(id="analysis-likeliest")
            yield Wrapped(id="analysis-payoffs")
            yield Wrapped(id="analysis-paths")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#analysis-body").focus()
        outlooks = self.analyst.ready(self.graph)
        if outlooks is None:
            explorer_host(self.app).request_analysis(self, self.graph)
        else:
            self.show(outlooks)

    @on(AnalysisReady)
    def _solved(self, message: AnalysisReady) -> None:
        if message.graph is self.graph:
            self.show(message.outlooks)

    @on(AnalysisFailed)
    def _unsolvable(self, message: AnalysisFailed) -> None:
        self.query_one("#analysis-wait", Static).update(literal(f"No analysis: {message.reason}"))
        self.notify(message.reason, title="No analysis", severity="error", markup=False)

    def show(self, outlooks: Outlooks) -> None:
        """Lay out the analysis under the analyst's current policy."""
        self.outlooks = outlooks
        policy = self.analyst.policy
        with self.app.batch_update():
            self.query_one("#analysis-wait").display = False
            self.query_one("#analysis-odds", Wrapped).rebuild(lambda w: odds_chart(outlooks, policy, w))
            self.query_one("#analysis-likeliest", Wrapped).rebuild(lambda w: likeliest_by_policy(outlooks, w))
            self.query_one("#analysis-payoffs", Wrapped).rebuild(lambda w: payoff_table(outlooks, policy, w))
            self.query_one("#analysis-paths", Wrapped).rebuild(lambda w: paths_text(outlooks, policy, w))

    def action_cycle_policy(self) -> None:
        self.analyst.cycle_policy()
        if self.outlooks is not None:
            self.show(self.outlooks)

    def action_close(self) -> None:
        self.dismiss(None)
