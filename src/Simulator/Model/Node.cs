using Simulator.Engine;

namespace Simulator.Model;

/// <summary>Node condition types.</summary>
public static class NodeConditionType
{
    /// <summary>The kubelet is healthy and ready to accept pods.</summary>
    public const string Ready = "Ready";

    /// <summary>The node is low on memory.</summary>
    public const string MemoryPressure = "MemoryPressure";

    /// <summary>The node is low on disk.</summary>
    public const string DiskPressure = "DiskPressure";

    /// <summary>The node is low on process ids.</summary>
    public const string PidPressure = "PIDPressure";

    /// <summary>The node's network is not configured.</summary>
    public const string NetworkUnavailable = "NetworkUnavailable";
}

/// <summary>Condition statuses.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>Nobody knows (for example the kubelet stopped reporting).</summary>
    public const string Unknown = "Unknown";
}

/// <summary>A node condition (<c>status.conditions[]</c>).</summary>
/// <param name="Type">One of <see cref="NodeConditionType"/>.</param>
/// <param name="Status">One of <see cref="ConditionStatus"/>.</param>
/// <param name="LastTransitionTime">When the status last changed.</param>
/// <param name="Reason">A machine-readable reason, e.g. <c>KubeletReady</c>.</param>
/// <param name="Message">A human-readable message.</param>
public sealed record NodeCondition(string Type, string Status, SimTime LastTransitionTime, string Reason = "", string Message = "") : ICondition<NodeCondition>
{
    NodeCondition ICondition<NodeCondition>.WithLastTransitionTime(SimTime time) => this with { LastTransitionTime = time };
}

/// <summary>Node spec: cordon state and taints.</summary>
public sealed record NodeSpec
{
    /// <summary>Whether the node is cordoned.</summary>
    public bool Unschedulable { get; init; }

    /// <summary>The node's taints.</summary>
    public EquatableArray<Taint> Taints { get; init; }
}

/// <summary>Node status: resources and conditions.</summary>
public sealed record NodeStatus
{
    /// <summary>Total resources of the node.</summary>
    public ResourceList Capacity { get; init; }

    /// <summary>Resources available to pods; the scheduler uses this, not capacity. A resource absent here counts as zero.</summary>
    public ResourceList Allocatable { get; init; }

    /// <summary>The node's conditions.</summary>
    public EquatableArray<NodeCondition> Conditions { get; init; }
}

/// <summary>A cluster node.</summary>
public sealed record Node
{
    /// <summary>Metadata (cluster-scoped: no namespace).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Spec.</summary>
    public NodeSpec Spec { get; init; } = new();

    /// <summary>Status.</summary>
    public NodeStatus Status { get; init; } = new();

    /// <summary>The node's name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The node's labels.</summary>
    public StringMap Labels => Metadata.Labels;

    /// <summary>The condition of the given type, or null.</summary>
    /// <param name="type">The condition type.</param>
    /// <returns>The condition.</returns>
    public NodeCondition? GetCondition(string type) => Conditions.Find(Status.Conditions, type);

    /// <summary>Whether the Ready condition is True.</summary>
    public bool IsReady => GetCondition(NodeConditionType.Ready)?.Status == ConditionStatus.True;

    /// <summary>Returns a copy with the condition of the same type replaced (transition time kept when the status is unchanged).</summary>
    /// <param name="condition">The new condition.</param>
    /// <returns>The node.</returns>
    public Node WithCondition(NodeCondition condition) =>
        this with { Status = Status with { Conditions = Conditions.Set(Status.Conditions, condition) } };

    /// <summary>Returns a copy with the taint added, replacing any taint with the same key and effect.</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>The node (this node when nothing changes).</returns>
    public Node WithTaint(Taint taint)
    {
        var list = new List<Taint>();
        var changed = true;
        foreach (var t in Spec.Taints)
        {
            if (t.Matches(taint))
            {
                if (t.Value == taint.Value)
                {
                    changed = false;
                    list.Add(t);
                }

                continue;
            }

            list.Add(t);
        }

        if (!changed)
        {
            return this;
        }

        list.Add(taint);
        return this with { Spec = Spec with { Taints = list.ToEquatableArray() } };
    }

    /// <summary>Returns a copy without taints of the given key (and effect, when given).</summary>
    /// <param name="key">The taint key.</param>
    /// <param name="effect">The effect, or null for every effect.</param>
    /// <returns>The node (this node when nothing changes).</returns>
    public Node WithoutTaint(string key, string? effect = null)
    {
        var kept = Spec.Taints.Where(t => !(t.Key == key && (effect is null || t.Effect == effect))).ToEquatableArray();
        return kept.Count == Spec.Taints.Count ? this : this with { Spec = Spec with { Taints = kept } };
    }
}
