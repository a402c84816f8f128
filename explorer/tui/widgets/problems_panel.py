"""The scenario's errors after a live reload, each at its place (`FILE:LINE:COL: error: message`), shown
above the walk without ending it; hidden when there are none (the next good save clears it)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content

from explorer.problems import Problem
from explorer.tui.literal import literal
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wrapping import hanging


def problems_text(problems: Sequence[Problem], width: int) -> Content:
    errors = [p for p in problems if p.severity == "error"]
    lines = [Content.styled(f"The scenario has {len(errors)} error(s): the walk stays on the last version that "
                            "loaded. Fix and save to reload.", "bold $text-error")]
    for problem in problems:
        style = "$text-error" if problem.severity == "error" else "$text-warning"
        lines.append(hanging([literal(str(problem))], Content.styled("• ", style), width, 2))
    return Content("\n").join(lines)


class ProblemsPanel(VerticalScroll):
    """The errors of the scenario as last saved; not shown while there are none."""

    DEFAULT_CSS = """
    ProblemsPanel { display: none; height: auto; max-height: 35%; border: round $error; padding: 0 1;
                    background: $error 10%; }
    ProblemsPanel.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Scenario errors"
        self.problems: tuple[Problem, ...] = ()

    def compose(self):  # type: ignore[override]
        yield Wrapped()

    def show(self, problems: Sequence[Problem]) -> None:
        """Show `problems` (an empty list hides the panel)."""
        self.problems = tuple(problems)
        self.set_class(bool(self.problems), "-shown")
        shown = self.problems
        self.query_one(Wrapped).rebuild(lambda width: problems_text(shown, width))
