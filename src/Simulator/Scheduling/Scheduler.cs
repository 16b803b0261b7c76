using System.Buffers;
using System.Collections.Immutable;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>The outcome of one scheduling attempt.</summary>
public sealed record ScheduleDecision
{
    /// <summary>The chosen node, or null when the pod fits nowhere.</summary>
    public string? NodeName { get; init; }

    /// <summary>How many nodes the filters looked at before the search stopped (kube-scheduler moves its next start index on by this).</summary>
    public int ProcessedNodes { get; init; }

    /// <summary>Whether a node was chosen.</summary>
    public bool IsScheduled => NodeName is not null;

    /// <summary>For an unschedulable pod: kube-scheduler's FailedScheduling message.</summary>
    public string Message { get; init; } = "";

    /// <summary>Each filtered node's failing verdict, by node name (nodes excluded before filtering are not listed).</summary>
    public ImmutableSortedDictionary<string, FilterResult> FailedNodes { get; init; } = ImmutableSortedDictionary<string, FilterResult>.Empty;

    /// <summary>For a preemption: the node nominated for the pod.</summary>
    public string? NominatedNodeName { get; init; }

    /// <summary>For a preemption: the pods to evict, in key order.</summary>
    public ImmutableArray<Pod> Victims { get; init; } = [];

    /// <summary>Whether the pod's earlier nomination is cleared (preemption found no candidate).</summary>
    public bool ClearNomination { get; init; }
}

/// <summary>
/// The scheduler as a pure function of (cluster snapshot, pod, profile): pre-filter, filter, score, pick; on failure, the
/// DefaultPreemption post-filter looks for strictly lower-priority victims.
/// </summary>
/// <remarks>Ties between equally scored nodes go to the node whose name sorts first (Kubernetes picks at random).</remarks>
public static class Scheduler
{
    /// <summary>Schedules one pod, searching every node from the first.</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="pod">The pending pod.</param>
    /// <param name="profile">The profile; <see cref="SchedulerProfile.Default"/> when null.</param>
    /// <returns>The decision.</returns>
    public static ScheduleDecision Schedule(ClusterState state, Pod pod, SchedulerProfile? profile = null) => Schedule(state, pod, profile, 0);

    /// <summary>
    /// Schedules one pod as kube-scheduler's scheduling cycle does. A pod that preemption nominated to a node is tried there
    /// first, and binds there if it fits. Otherwise the nodes the pre-filters leave are filtered in name order from
    /// <paramref name="startIndex"/> (wrapping round), and the search stops once <see cref="SchedulerProfile.FeasibleNodesToFind"/>
    /// nodes have passed (one, for a profile without score rules); those are scored and the best wins (ties go to the first
    /// name, where kube-scheduler picks at random).
    /// </summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="pod">The pending pod.</param>
    /// <param name="profile">The profile; <see cref="SchedulerProfile.Default"/> when null.</param>
    /// <param name="startIndex">Where the search starts (kube-scheduler's <c>nextStartNodeIndex</c>); the decision's
    /// <see cref="ScheduleDecision.ProcessedNodes"/> moves it on for the next attempt.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startIndex"/> is negative.</exception>
    public static ScheduleDecision Schedule(ClusterState state, Pod pod, SchedulerProfile? profile, int startIndex)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        profile ??= SchedulerProfile.Default;
        var context = new PodSchedulingContext(pod, state);
        var total = state.Nodes.Count;

        IReadOnlyCollection<string>? candidates = null;
        string? narrowingRule = null;
        foreach (var pre in profile.PreFilters)
        {
            var set = pre.CandidateNodes(context);
            if (set is null)
            {
                continue;
            }

            candidates = candidates is null ? set : candidates.Intersect(set, StringComparer.Ordinal).ToList();
            narrowingRule ??= pre.Name;
        }

        // The nominated node is likely the only one the pod fits (preemption made room there): it is tried alone first, and the
        // search start does not move (schedule_one.go evaluateNominatedNode).
        if (pod.Status.NominatedNodeName.Length != 0 && state.GetNode(pod.Status.NominatedNodeName) is { } nominated &&
            Filter(profile, context, nominated, out _).IsSuccess)
        {
            return new ScheduleDecision { NodeName = nominated.Name };
        }

        var nodes = candidates is null ? state.NodeList : ExistingInNameOrder(state, candidates);

        // Without score rules any feasible node is as good as another: the first one found ends the search (since v1.30).
        var toFind = profile.Scores.IsEmpty ? Math.Min(1, nodes.Count) : profile.FeasibleNodesToFind(nodes.Count);
        // The feasible nodes go in a pooled buffer: an attempt at 5,000 nodes collects 500 of them, for every pod.
        var buffer = ArrayPool<NodeInfo>.Shared.Rent(Math.Max(1, Math.Min(toFind, nodes.Count)));
        var found = 0;
        var failed = new List<KeyValuePair<string, FilterResult>>();
        var examined = 0;
        for (; examined < nodes.Count && found < toFind; examined++)
        {
            var node = nodes[(int)(((long)startIndex + examined) % nodes.Count)];
            var result = Filter(profile, context, node, out var info);
            if (result.IsSuccess)
            {
                buffer[found++] = info;
            }
            else
            {
                failed.Add(new(node.Name, result));
            }
        }

        var chosen = found > 0 ? PickBest(profile, context, buffer.AsSpan(0, found)) : null;
        ArrayPool<NodeInfo>.Shared.Return(buffer, clearArray: true);
        if (chosen is not null)
        {
            return new ScheduleDecision { NodeName = chosen, ProcessedNodes = examined };
        }

        var failedNodes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, failed);
        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in failedNodes.Values)
        {
            foreach (var reason in result.Reasons)
            {
                histogram[reason] = histogram.GetValueOrDefault(reason) + 1;
            }
        }

        var excluded = total - nodes.Count;
        if (excluded > 0)
        {
            var reason = $"node(s) didn't satisfy plugin(s) [{narrowingRule}]";
            histogram[reason] = histogram.GetValueOrDefault(reason) + excluded;
        }

        var preemption = Preemption.Evaluate(context, profile, failedNodes, excluded);
        var message = $"0/{total} nodes are available: {Histogram(histogram)}." + (preemption.Message.Length == 0 ? "" : " preemption: " + preemption.Message);
        return new ScheduleDecision
        {
            Message = message,
            FailedNodes = failedNodes,
            NominatedNodeName = preemption.NodeName,
            Victims = preemption.Victims,
            ClearNomination = preemption.ClearNomination,
            ProcessedNodes = examined,
        };
    }

    /// <summary>Runs the profile's filters on one node; the first failure decides.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="context">The attempt's context.</param>
    /// <param name="node">The node.</param>
    /// <returns>The first failing verdict, or success.</returns>
    public static FilterResult RunFilters(SchedulerProfile profile, PodSchedulingContext context, NodeInfo node)
    {
        foreach (var filter in profile.Filters)
        {
            var result = filter.Filter(context, node);
            if (!result.IsSuccess)
            {
                return result;
            }
        }

        return FilterResult.Success;
    }

    /// <summary>Formats a reason histogram as kube-scheduler does: <c>"N reason"</c> entries sorted as strings, comma-separated.</summary>
    /// <param name="histogram">Reason to node count.</param>
    /// <returns>The text.</returns>
    internal static string Histogram(Dictionary<string, int> histogram)
    {
        var parts = histogram.Select(p => $"{p.Value} {p.Key}").ToList();
        parts.Sort(StringComparer.Ordinal);
        return string.Join(", ", parts);
    }

    /// <summary>
    /// The node as filters see it for this pod: with the pods that preemption nominated to it and that are at least as important
    /// added, so that a less important pod cannot take the room a preemption freed (kube-scheduler's <c>addNominatedPods</c>).
    /// </summary>
    /// <param name="context">The attempt's context.</param>
    /// <param name="node">The node.</param>
    /// <returns>The node with nominated pods counted.</returns>
    public static NodeInfo WithNominatedPods(PodSchedulingContext context, NodeInfo node)
    {
        if (!context.State.HasNominatedPods)
        {
            return node;
        }

        var usage = node.Usage;
        foreach (var nominated in context.State.PodsNominatedTo(node.Node.Name))
        {
            if (nominated.Key != context.Pod.Key && !nominated.IsTerminating && nominated.EffectivePriority >= context.Pod.EffectivePriority)
            {
                usage = usage.Add(nominated);
            }
        }

        return ReferenceEquals(usage, node.Usage) ? node : node with { Usage = usage };
    }

    /// <summary>The profile's filters on one node as it stands, with the pods nominated to it counted; <paramref name="info"/> is the view scored later.</summary>
    private static FilterResult Filter(SchedulerProfile profile, PodSchedulingContext context, Node node, out NodeInfo info)
    {
        info = new NodeInfo(node, context.State.UsageOf(node.Name));
        return RunFilters(profile, context, WithNominatedPods(context, info));
    }

    private static List<Node> ExistingInNameOrder(ClusterState state, IReadOnlyCollection<string> names)
    {
        var nodes = new List<Node>(names.Count);
        foreach (var name in names)
        {
            if (state.GetNode(name) is { } node)
            {
                nodes.Add(node);
            }
        }

        if (nodes.Count > 1)
        {
            nodes.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        return nodes;
    }

    private static string PickBest(SchedulerProfile profile, PodSchedulingContext context, ReadOnlySpan<NodeInfo> feasible)
    {
        if (feasible.Length == 1)
        {
            return feasible[0].Node.Name;
        }

        var rented = ArrayPool<long>.Shared.Rent(2 * feasible.Length);
        var totals = rented.AsSpan(0, feasible.Length);
        var scores = rented.AsSpan(feasible.Length, feasible.Length);
        totals.Clear();
        foreach (var weighted in profile.Scores)
        {
            for (var i = 0; i < feasible.Length; i++)
            {
                scores[i] = weighted.Rule.Score(context, feasible[i]);
            }

            weighted.Rule.Normalize(context, scores);
            for (var i = 0; i < feasible.Length; i++)
            {
                totals[i] += scores[i] * weighted.Weight;
            }
        }

        // The highest total wins; among equals the first name, so that the choice does not depend on where the search started.
        var best = 0;
        for (var i = 1; i < feasible.Length; i++)
        {
            if (totals[i] > totals[best] || (totals[i] == totals[best] && string.CompareOrdinal(feasible[i].Node.Name, feasible[best].Node.Name) < 0))
            {
                best = i;
            }
        }

        ArrayPool<long>.Shared.Return(rented);
        return feasible[best].Node.Name;
    }
}
