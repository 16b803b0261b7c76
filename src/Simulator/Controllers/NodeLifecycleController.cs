using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>
/// The node lifecycle controller: derives the platform taints from node conditions and cordon state (§4.4) and marks a node
/// Unknown (with the unreachable taints) when its kubelet has stopped reporting for the node monitor grace period.
/// </summary>
internal sealed class NodeLifecycleController
{
    private static readonly (string Condition, string Status, string TaintKey)[] NoScheduleMap =
    [
        (NodeConditionType.Ready, ConditionStatus.False, WellKnownTaints.NotReady),
        (NodeConditionType.Ready, ConditionStatus.Unknown, WellKnownTaints.Unreachable),
        (NodeConditionType.MemoryPressure, ConditionStatus.True, WellKnownTaints.MemoryPressure),
        (NodeConditionType.DiskPressure, ConditionStatus.True, WellKnownTaints.DiskPressure),
        (NodeConditionType.PidPressure, ConditionStatus.True, WellKnownTaints.PidPressure),
        (NodeConditionType.NetworkUnavailable, ConditionStatus.True, WellKnownTaints.NetworkUnavailable),
    ];

    private static readonly HashSet<string> ManagedKeys = new(StringComparer.Ordinal)
    {
        WellKnownTaints.NotReady, WellKnownTaints.Unreachable, WellKnownTaints.MemoryPressure, WellKnownTaints.DiskPressure,
        WellKnownTaints.PidPressure, WellKnownTaints.NetworkUnavailable, WellKnownTaints.Unschedulable,
    };

    private readonly Simulation _sim;
    private readonly SortedSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SimTime> _silentSince = new(StringComparer.Ordinal);

    public NodeLifecycleController(Simulation sim) => _sim = sim;

    public void OnNodeChanged(string nodeName) => _dirty.Add(nodeName);

    public bool IsKubeletDown(string nodeName) => _silentSince.ContainsKey(nodeName);

    /// <summary>The kubelet stops posting status; after the grace period the node turns Unknown.</summary>
    public void KubeletStopped(string nodeName)
    {
        if (_silentSince.ContainsKey(nodeName))
        {
            return;
        }

        var since = _sim.Now;
        _silentSince[nodeName] = since;
        _sim.At(since + _sim.Options.NodeMonitorGracePeriod, sim => sim.NodeLifecycleCheck(nodeName, since));
    }

    /// <summary>The kubelet posts Ready again.</summary>
    public bool KubeletResumed(string nodeName) => _silentSince.Remove(nodeName);

    public void GracePeriodExpired(string nodeName, SimTime since)
    {
        if (!_silentSince.TryGetValue(nodeName, out var current) || current != since)
        {
            return;
        }

        var node = _sim.State.GetNode(nodeName);
        if (node is null || node.GetCondition(NodeConditionType.Ready)?.Status == ConditionStatus.Unknown)
        {
            return;
        }

        var now = _sim.Now.TruncateToSeconds();
        foreach (var type in new[] { NodeConditionType.Ready, NodeConditionType.MemoryPressure, NodeConditionType.DiskPressure, NodeConditionType.PidPressure })
        {
            node = node.WithCondition(new NodeCondition(type, ConditionStatus.Unknown, now, "NodeStatusUnknown", "Kubelet stopped posting node status."));
        }

        _sim.PutNode(node);
        _sim.RecordOn(node, EventType.Normal, "NodeNotReady", $"Node {nodeName} status is now: NodeNotReady", EventSources.NodeController);
        _sim.MarkPodsNotReady(nodeName);
    }

    public bool Process()
    {
        if (_dirty.Count == 0)
        {
            return false;
        }

        var names = new List<string>(_dirty);
        _dirty.Clear();
        foreach (var name in names)
        {
            var node = _sim.State.GetNode(name);
            if (node is null)
            {
                continue;
            }

            var updated = WithDerivedTaints(node, _sim.Now.TruncateToSeconds());
            if (!ReferenceEquals(updated, node))
            {
                _sim.PutNode(updated);
            }
        }

        return true;
    }

    /// <summary>The node with its platform taints reconciled: the NoSchedule taints of §4.4 and the not-ready/unreachable NoExecute taints.</summary>
    internal static Node WithDerivedTaints(Node node, SimTime now)
    {
        var wanted = new List<(string Key, string Effect)>();
        foreach (var (condition, status, key) in NoScheduleMap)
        {
            if (node.GetCondition(condition)?.Status == status)
            {
                wanted.Add((key, TaintEffect.NoSchedule));
            }
        }

        if (node.Spec.Unschedulable)
        {
            wanted.Add((WellKnownTaints.Unschedulable, TaintEffect.NoSchedule));
        }

        var ready = node.GetCondition(NodeConditionType.Ready)?.Status;
        if (ready == ConditionStatus.False)
        {
            wanted.Add((WellKnownTaints.NotReady, TaintEffect.NoExecute));
        }
        else if (ready == ConditionStatus.Unknown)
        {
            wanted.Add((WellKnownTaints.Unreachable, TaintEffect.NoExecute));
        }

        var result = new List<Taint>();
        var changed = false;
        foreach (var taint in node.Spec.Taints)
        {
            // The NoSchedule pass owns the condition keys' NoSchedule taints; the NoExecute pass only not-ready and unreachable.
            var managed = taint.Effect == TaintEffect.NoSchedule ? ManagedKeys.Contains(taint.Key)
                : taint.Effect == TaintEffect.NoExecute && taint.Key is WellKnownTaints.NotReady or WellKnownTaints.Unreachable;
            if (managed && !wanted.Contains((taint.Key, taint.Effect)))
            {
                changed = true;
                continue;
            }

            result.Add(taint);
        }

        foreach (var (key, effect) in wanted)
        {
            if (!result.Any(t => t.Key == key && t.Effect == effect))
            {
                result.Add(new Taint(key, "", effect, effect == TaintEffect.NoExecute ? now : null));
                changed = true;
            }
        }

        return changed ? node with { Spec = node.Spec with { Taints = result.ToEquatableArray() } } : node;
    }
}
