"""What a viewer's views keep from one build to the next, so that a seat woken by every commit
redoes only what the new events changed.

A `GameView` is still built whole after every refresh, but its costly parts come from here: the
privacy context (grown by the new events), the log's lines (an event's words change only when
`privacy.words_key` does: at the debrief, or when a forecast closes), the moves of the round in
progress (they depend only on the node and the metrics, which an order leaves alone), the round's
board of who has given orders, the last reveal, the signposts and the team's own decisions (kept per
path of steps taken, and debrief). Each is keyed on everything it is built from, so a view built
with the cache equals one built afresh (tests compare them on random games); a different session
state, graph or viewer starts the cache afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from explorer.game import privacy
from explorer.game.events import Event
from explorer.game.privacy import Context, Viewer
from explorer.game.view_models import LogLine
from explorer.walk import ActorMoves, Walk

T = TypeVar("T")

KEEP = 256
"""Most entries kept in each per-event table before it starts afresh (undos make old ones stale)."""


class ViewCache:
    """The parts of one viewer's views that outlive a build (see the module's docstring)."""

    def __init__(self) -> None:
        self._owner: tuple[Any, Any, Viewer] | None = None
        self._lines: list[LogLine] = []
        self._keys: list[Hashable] = []
        self._words: Hashable = None
        self._context: Context | None = None
        self._seen = 0
        self._seen_seq = 0
        self._moves: tuple[Hashable, tuple[ActorMoves, ...]] | None = None
        self._parts: dict[Hashable, Any] = {}

    def own(self, graph: Any, state: Any, viewer: Viewer) -> ViewCache:
        """Start afresh unless the views are of the same graph, game state and viewer as before."""
        owner = self._owner
        if owner is None or owner[0] is not graph or owner[1] is not state or owner[2] != viewer:
            self.__init__()  # type: ignore[misc]
            self._owner = (graph, state, viewer)
        return self

    def context(self, session: privacy.Game) -> Context:
        """`Context.of(session)`, grown from the last one by the events read since."""
        events = session.events
        seen, known = self._seen, self._context
        if known is None or seen > len(events) or (seen and events[seen - 1].seq != self._seen_seq):
            known = Context.of(session)
        elif seen < len(events) or known.over != session.ended:
            known = known.grown(events[seen:], session.ended)
        self._context, self._seen = known, len(events)
        self._seen_seq = events[-1].seq if events else 0
        return known

    def log(self, events: Sequence[Event], viewer: Viewer, ctx: Context) -> tuple[LogLine, ...]:
        """Every event as a log line in `viewer`'s words; only new events, and those whose words
        key changed (the debrief, a forecast closed), are told again."""
        lines, keys = self._lines, self._keys
        if len(lines) > len(events) or (lines and lines[-1].seq != events[len(lines) - 1].seq):
            lines.clear()
            keys.clear()
        words = privacy.words_context(ctx)
        if words != self._words:  # the words of events told before may have changed
            self._words = words
            for i, event in enumerate(events[:len(lines)]):
                key = privacy.words_key(event, ctx)
                if key != keys[i]:
                    keys[i] = key
                    lines[i] = _line(viewer, event, ctx)
        for event in events[len(lines):]:
            keys.append(privacy.words_key(event, ctx))
            lines.append(_line(viewer, event, ctx))
        return tuple(lines)

    def round_moves(self, walk: Walk) -> tuple[ActorMoves, ...]:
        """`walk.round_moves()`, kept while the walk stays at the same node with the same metrics."""
        key = (walk.node_id, walk.state)
        if self._moves is None or self._moves[0] != key:
            self._moves = (key, walk.round_moves())
        return self._moves[1]

    def part(self, key: Hashable, build: Callable[[], T]) -> T:
        """The part built by `build`, kept under `key` (which must name everything it is built from)."""
        if key not in self._parts:
            if len(self._parts) >= KEEP:
                self._parts.clear()
            self._parts[key] = build()
        return self._parts[key]  # type: ignore[no-any-return]


def _line(viewer: Viewer, event: Event, ctx: Context) -> LogLine:
    return LogLine(event.seq, event.turn, event.time, privacy.describe_for(viewer, event, ctx))
