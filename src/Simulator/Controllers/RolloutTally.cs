using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>
/// What one node means to the rolling-update pass (§13.2, upstream <c>rollingUpdate</c>): whether it counts against the budget,
/// and which of its pods the pass may delete or whether it may get a new pod. Both branches (without and with surge) are
/// classified at once; the DaemonSet's budget decides which half is read.
/// </summary>
/// <param name="Unavailable">Without surge: the node counts against maxUnavailable.</param>
/// <param name="Replace">Without surge: an old pod that is not available, replaced regardless of the budget.</param>
/// <param name="Candidate">Without surge: an available old pod, deleted while the budget allows.</param>
/// <param name="Surge">With surge: the node counts against maxSurge.</param>
/// <param name="Available">With surge: the node has an available pod (the old one while there is one).</param>
/// <param name="Delete">With surge: an old pod to delete now.</param>
/// <param name="CreateNew">With surge: a new pod is created now (the old one is not available).</param>
/// <param name="NotWanted">With surge: an available old pod on a node that should no longer run it, deleted while availability allows.</param>
/// <param name="SurgeCandidate">With surge: a new pod may be created beside the available old one while the budget allows.</param>
internal readonly record struct RolloutSlot(
    bool Unavailable,
    Pod? Replace,
    Pod? Candidate,
    bool Surge,
    bool Available,
    Pod? Delete,
    bool CreateNew,
    Pod? NotWanted,
    bool SurgeCandidate)
{
    /// <summary>Classifies one node of the walk from the current state.</summary>
    public static RolloutSlot Classify(ClusterState state, DaemonSetPlan plan, string nodeName, bool shouldRun, SimTime now)
    {
        var minReady = plan.DaemonSet.Spec.MinReadySeconds;
        if (!DaemonSetReconciler.FindUpdatedPods(state, plan, nodeName, out var newPod, out var oldPod))
        {
            return new RolloutSlot { Unavailable = true, Surge = true };
        }

        var slot = new RolloutSlot { Available = (oldPod ?? newPod) is { } counted && counted.IsAvailable(minReady, now) };
        if (oldPod is null && newPod is null)
        {
            return slot with { Unavailable = true };
        }

        if (oldPod is not null && newPod is not null)
        {
            // An old and a new pod: unavailable without surge; with surge the new one surges until it is available, then the old one goes.
            var replaced = newPod.IsAvailable(minReady, now);
            return slot with { Unavailable = true, Surge = !replaced, Delete = replaced ? oldPod : null };
        }

        if (newPod is not null)
        {
            return slot with { Unavailable = !newPod.IsAvailable(minReady, now) };
        }

        if (!oldPod!.IsAvailable(minReady, now))
        {
            return shouldRun
                ? slot with { Unavailable = true, Replace = oldPod, CreateNew = true }
                : slot with { Unavailable = true, Replace = oldPod, Delete = oldPod };
        }

        return shouldRun
            ? slot with { Candidate = oldPod, SurgeCandidate = true }
            : slot with { Candidate = oldPod, NotWanted = oldPod };
    }
}

/// <summary>
/// The rolling-update pass's sums over the walked nodes, kept in node-name order so the pass can act on the first nodes that
/// qualify. The plain pass builds one from scratch each round; the controller keeps one up to date node by node.
/// </summary>
internal sealed class RolloutTally
{
    private readonly SortedDictionary<string, Pod> _replace = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Pod> _candidates = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Pod> _delete = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Pod> _notWanted = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _createNew = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _surgeCandidates = new(StringComparer.Ordinal);
    private int _unavailable;
    private int _surge;
    private int _available;

    public void Add(string nodeName, RolloutSlot slot) => Apply(nodeName, slot, 1);

    public void Remove(string nodeName, RolloutSlot slot) => Apply(nodeName, slot, -1);

    /// <summary>
    /// The pass's actions. Without surge: delete every old pod that is not available, then available old pods (first nodes
    /// first) while fewer than maxUnavailable nodes are unavailable. With surge: delete old pods whose replacement is available
    /// (or that should not run and are not available), then old pods on nodes that should not run them while availability stays
    /// at or above desired; create new pods where the old one is not available, then beside available old ones within maxSurge.
    /// </summary>
    public List<DaemonSetAction> Actions(RollingUpdateBudget budget, int desired)
    {
        var actions = new List<DaemonSetAction>();
        if (budget.MaxSurge == 0)
        {
            var remaining = Math.Clamp(budget.MaxUnavailable - _unavailable, 0, _candidates.Count);
            actions.AddRange(_replace.Values.Select(pod => new DeleteDaemonPod(pod)));
            actions.AddRange(_candidates.Values.Take(remaining).Select(pod => new DeleteDaemonPod(pod)));
            return actions;
        }

        var remainingSurge = Math.Clamp(budget.MaxSurge - _surge, 0, _surgeCandidates.Count);
        var removable = Math.Clamp(_available - desired, 0, _notWanted.Count);
        actions.AddRange(_delete.Values.Select(pod => new DeleteDaemonPod(pod)));
        actions.AddRange(_notWanted.Values.Take(removable).Select(pod => new DeleteDaemonPod(pod)));
        actions.AddRange(_createNew.Select(node => new CreateDaemonPod(node)));
        actions.AddRange(_surgeCandidates.Take(remainingSurge).Select(node => new CreateDaemonPod(node)));
        return actions;
    }

    private void Apply(string nodeName, RolloutSlot slot, int sign)
    {
        _unavailable += slot.Unavailable ? sign : 0;
        _surge += slot.Surge ? sign : 0;
        _available += slot.Available ? sign : 0;
        Track(_replace, nodeName, slot.Replace, sign);
        Track(_candidates, nodeName, slot.Candidate, sign);
        Track(_delete, nodeName, slot.Delete, sign);
        Track(_notWanted, nodeName, slot.NotWanted, sign);
        Track(_createNew, nodeName, slot.CreateNew, sign);
        Track(_surgeCandidates, nodeName, slot.SurgeCandidate, sign);
    }

    private static void Track(SortedDictionary<string, Pod> set, string nodeName, Pod? pod, int sign)
    {
        if (pod is null)
        {
            return;
        }

        if (sign > 0)
        {
            set.Add(nodeName, pod);
        }
        else
        {
            set.Remove(nodeName);
        }
    }

    private static void Track(SortedSet<string> set, string nodeName, bool member, int sign)
    {
        if (member && sign > 0)
        {
            set.Add(nodeName);
        }
        else if (member)
        {
            set.Remove(nodeName);
        }
    }
}
