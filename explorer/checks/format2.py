"""References that only format 2 has: `private` text, metrics' `visible_to`, actors' `score`, and
injects (their effects, `to`, `audience` and sources)."""

from __future__ import annotations

from explorer.checks.rounds import RoundContext
from explorer.suggest import did_you_mean


def check_format2_references(ctx: RoundContext) -> None:
    scenario, loc, problems = ctx.scenario, ctx.locator, ctx.problems
    actors, metrics = ctx.actors, ctx.metrics
    if ctx.check_actors:
        for node_id, node in scenario.nodes.items():
            for actor in node.private:
                if actor not in actors:
                    problems.error(f"node '{node_id}': private text for unknown actor '{actor}'{did_you_mean(actor, actors)}",
                                   loc.node(node_id, "private", actor, key=True))
        for metric_id, metric in scenario.metrics.items():
            for index, actor in enumerate(metric.visible_to or ()):
                if actor not in actors:
                    problems.error(f"metric '{metric_id}': 'visible_to' names unknown actor '{actor}'"
                                   f"{did_you_mean(actor, actors)}", loc.item("metrics", metric_id, "visible_to", index))
    if ctx.check_metrics:
        for actor_id, actor in scenario.actors.items():
            for metric in actor.score:
                if metric not in metrics:
                    problems.error(f"actor '{actor_id}': 'score' names unknown metric '{metric}'"
                                   f"{did_you_mean(metric, metrics)}", loc.item("actors", actor_id, "score", metric, key=True))
    for inject_id, inject in scenario.injects.items():
        where = f"inject '{inject_id}'"
        if ctx.check_metrics:
            for metric in inject.effects:
                if metric not in metrics:
                    problems.error(f"{where}: effect on unknown metric '{metric}'{did_you_mean(metric, metrics)}",
                                   loc.item("injects", inject_id, "effects", metric, key=True))
        if ctx.check_nodes and inject.to is not None and inject.to not in ctx.nodes:
            problems.error(f"{where}: 'to' names unknown node '{inject.to}'{did_you_mean(inject.to, ctx.nodes)}",
                           loc.item("injects", inject_id, "to"))
        if ctx.check_actors:
            for index, actor in enumerate(inject.audience or ()):
                if actor not in actors:
                    problems.error(f"{where}: 'audience' names unknown actor '{actor}'{did_you_mean(actor, actors)}",
                                   loc.item("injects", inject_id, "audience", index))
        if inject.sources:
            ctx.cite(inject.sources, ("@injects", inject_id, "sources"))
