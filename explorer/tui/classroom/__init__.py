"""What the facilitator's play screen and a team's seat screen share: the words and the widgets built
from a `GameView` (orders form, reveal, briefing, log, clock, indicator board, forecast, news)."""
