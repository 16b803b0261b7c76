namespace Simulator.Model;

/// <summary>A namespace.</summary>
public sealed record Namespace
{
    /// <summary>Metadata (the name; labels carry Pod Security levels).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary><c>Active</c> or <c>Terminating</c>.</summary>
    public string Phase { get; init; } = "Active";

    /// <summary>The name.</summary>
    public string Name => Metadata.Name;
}

/// <summary>A priority class (scheduling.k8s.io/v1).</summary>
public sealed record PriorityClass
{
    /// <summary>The highest value a user-defined class may have.</summary>
    public const int HighestUserDefinablePriority = 1_000_000_000;

    /// <summary>The value of <c>system-cluster-critical</c>.</summary>
    public const int SystemCriticalPriority = 2 * HighestUserDefinablePriority;

    /// <summary>Metadata (cluster-scoped).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The priority value.</summary>
    public int Value { get; init; }

    /// <summary>Whether pods without a class get this one.</summary>
    public bool GlobalDefault { get; init; }

    /// <summary>PreemptLowerPriority (default) or Never.</summary>
    public string PreemptionPolicy { get; init; } = Model.PreemptionPolicy.PreemptLowerPriority;

    /// <summary>A description.</summary>
    public string Description { get; init; } = "";

    /// <summary>The name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The built-in <c>system-cluster-critical</c> class (2000000000).</summary>
    public static PriorityClass SystemClusterCritical { get; } = new()
    {
        Metadata = ObjectMeta.Named("system-cluster-critical"),
        Value = SystemCriticalPriority,
        Description = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    };

    /// <summary>The built-in <c>system-node-critical</c> class (2000001000).</summary>
    public static PriorityClass SystemNodeCritical { get; } = new()
    {
        Metadata = ObjectMeta.Named("system-node-critical"),
        Value = SystemCriticalPriority + 1000,
        Description = "Used for system critical pods that must not be moved from their current node.",
    };
}
