using Simulator.Engine;
using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>The result of the DefaultPreemption post-filter.</summary>
/// <param name="Message">The text that follows <c>preemption: </c> in the FailedScheduling message.</param>
/// <param name="NodeName">The nominated node, when victims were found.</param>
/// <param name="Victims">The pods to evict.</param>
/// <param name="ClearNomination">Whether the pod's earlier nomination goes (preemption ran and found no candidate).</param>
public sealed record PreemptionResult(string Message, string? NodeName, ImmutableArray<Pod> Victims, bool ClearNomination = false);

/// <summary>
/// kube-scheduler's DefaultPreemption: on nodes that failed for a reason preemption can fix, remove every strictly
/// lower-priority pod, check the pod then fits, re-admit as many victims as possible (highest priority first), and pick the node
/// with the lowest highest-victim priority, then smallest sum of (priority + 2^31) over victims, fewest victims, latest start of the highest-priority victims.
/// </summary>
/// <remarks>PodDisruptionBudgets are not modelled. Ties go to the node whose name sorts first.</remarks>
public static class Preemption
{
    /// <summary>The per-node reason when the node has no lower-priority pod to evict.</summary>
    public const string NoVictims = "No preemption victims found for incoming pod";

    /// <summary>The per-node reason when the node failed for a reason preemption cannot fix.</summary>
    public const string NotHelpful = "Preemption is not helpful for scheduling";

    /// <summary>Evaluates preemption for a pod that fits nowhere.</summary>
    /// <param name="context">The attempt's context.</param>
    /// <param name="profile">The profile whose filters decide fit.</param>
    /// <param name="failedNodes">The filtered nodes' verdicts.</param>
    /// <param name="excludedNodes">How many nodes the pre-filters excluded (preemption is not helpful on them).</param>
    /// <returns>The result.</returns>
    public static PreemptionResult Evaluate(PodSchedulingContext context, SchedulerProfile profile, ImmutableSortedDictionary<string, FilterResult> failedNodes, int excludedNodes)
    {
        var pod = context.Pod;
        if (pod.Spec.PreemptionPolicy == PreemptionPolicy.Never)
        {
            return new PreemptionResult("not eligible due to preemptionPolicy=Never.", null, []);
        }

        // A pod already nominated somewhere waits while a victim of its earlier preemption is still terminating there
        // (PodEligibleToPreemptOthers), unless that node can no longer take it at all.
        var nominated = pod.Status.NominatedNodeName;
        if (nominated.Length != 0 && !(failedNodes.TryGetValue(nominated, out var nominatedVerdict) && nominatedVerdict.Code == FilterCode.UnschedulableAndUnresolvable))
        {
            foreach (var p in context.State.PodsOnNode(nominated))
            {
                if (p.EffectivePriority < pod.EffectivePriority && p.IsTerminating &&
                    p.GetCondition(PodConditionType.DisruptionTarget) is { Reason: "PreemptionByScheduler", Status: ConditionStatus.True })
                {
                    return new PreemptionResult("not eligible due to a terminating pod on the nominated node.", null, []);
                }
            }
        }

        var total = context.State.Nodes.Count;
        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        if (excludedNodes > 0)
        {
            histogram[NotHelpful] = excludedNodes;
        }

        Candidate? best = null;
        foreach (var (nodeName, verdict) in failedNodes)
        {
            if (verdict.Code == FilterCode.UnschedulableAndUnresolvable)
            {
                histogram[NotHelpful] = histogram.GetValueOrDefault(NotHelpful) + 1;
                continue;
            }

            var candidate = SelectVictims(context, profile, context.State.Nodes[nodeName], out var failure);
            if (candidate is null)
            {
                foreach (var reason in failure)
                {
                    histogram[reason] = histogram.GetValueOrDefault(reason) + 1;
                }

                continue;
            }

            if (best is null || candidate.IsBetterThan(best))
            {
                best = candidate;
            }
        }

        if (best is not null)
        {
            return new PreemptionResult("", best.NodeName, best.Victims);
        }

        return new PreemptionResult($"0/{total} nodes are available: {Scheduler.Histogram(histogram)}.", null, [], ClearNomination: true);
    }

    private static Candidate? SelectVictims(PodSchedulingContext context, SchedulerProfile profile, Node node, out EquatableArray<string> failure)
    {
        var priority = context.Pod.EffectivePriority;
        var lower = context.State.PodsOnNode(node.Name)
            .Where(p => NodeUsage.Counts(p) && p.EffectivePriority < priority)
            .ToList();
        if (lower.Count == 0)
        {
            failure = EquatableArray.Create(NoVictims);
            return null;
        }

        // Filters see the node with the pods preemption already nominated to it, as in scheduling (RunFilterPluginsWithNominatedPods).
        var usage = Scheduler.WithNominatedPods(context, new NodeInfo(node, context.State.UsageOf(node.Name))).Usage;
        foreach (var victim in lower)
        {
            usage = usage.Remove(victim);
        }

        var verdict = Scheduler.RunFilters(profile, context, new NodeInfo(node, usage));
        if (!verdict.IsSuccess)
        {
            failure = verdict.Reasons;
            return null;
        }

        // Re-admit the most important pods first; whoever no longer fits is a victim.
        lower.Sort((a, b) =>
        {
            var byPriority = b.EffectivePriority.CompareTo(a.EffectivePriority);
            return byPriority != 0 ? byPriority : StartOf(a).CompareTo(StartOf(b));
        });
        var victims = new List<Pod>();
        foreach (var p in lower)
        {
            var withPod = usage.Add(p);
            if (Scheduler.RunFilters(profile, context, new NodeInfo(node, withPod)).IsSuccess)
            {
                usage = withPod;
            }
            else
            {
                victims.Add(p);
            }
        }

        if (victims.Count == 0)
        {
            // Kubernetes' dry run rejects a candidate that would evict nobody.
            failure = EquatableArray.Create($"expected at least one victim pod on node {node.Name}");
            return null;
        }

        failure = default;
        victims.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new Candidate(node.Name, [.. victims]);
    }

    // MoreImportantPod: earlier start first; a pod that has not started counts as starting now (its creation time here).
    private static SimTime StartOf(Pod pod) => pod.Status.StartTime ?? pod.Metadata.CreationTimestamp;

    private sealed record Candidate(string NodeName, ImmutableArray<Pod> Victims)
    {
        private int HighestPriority => Victims.Max(v => v.EffectivePriority);

        // Like kube-scheduler, each victim adds its priority plus 2^31, so every term is positive and more victims weigh more.
        private long PrioritySum => Victims.Sum(v => (long)v.EffectivePriority + (1L << 31));

        private long LatestStartOfHighest =>
            Victims.Where(v => v.EffectivePriority == HighestPriority).Min(v => (v.Status.StartTime ?? v.Metadata.CreationTimestamp).UnixMilliseconds);

        public bool IsBetterThan(Candidate other)
        {
            if (HighestPriority != other.HighestPriority)
            {
                return HighestPriority < other.HighestPriority;
            }

            if (PrioritySum != other.PrioritySum)
            {
                return PrioritySum < other.PrioritySum;
            }

            if (Victims.Length != other.Victims.Length)
            {
                return Victims.Length < other.Victims.Length;
            }

            return LatestStartOfHighest > other.LatestStartOfHighest;
        }
    }
}
