"""A team seat's screens: the join-code prompt, the seat view, its briefing."""
