namespace Simulator.Model;

/// <summary>An int-or-string value such as <c>maxUnavailable: 1</c> or <c>maxUnavailable: "10%"</c>.</summary>
/// <param name="IntValue">The integer form, when this is an integer.</param>
/// <param name="StringValue">The string form (a percentage), when this is a string.</param>
public readonly record struct IntOrString(int? IntValue, string? StringValue)
{
    /// <summary>An integer value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The int-or-string.</returns>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>A string value, e.g. <c>"25%"</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The int-or-string.</returns>
    public static IntOrString FromString(string value) => new(null, value);

    /// <summary>Whether this holds a string.</summary>
    public bool IsString => StringValue is not null;

    /// <summary>Renders as YAML would.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => StringValue ?? IntValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>An integer value.</summary>
    public static implicit operator IntOrString(int value) => FromInt(value);

    /// <summary>A string value.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);
}

/// <summary>A pod template: metadata (labels, annotations) and spec.</summary>
public sealed record PodTemplateSpec
{
    /// <summary>Template metadata; only labels and annotations matter.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The pod spec.</summary>
    public PodSpec Spec { get; init; } = new();
}

/// <summary>DaemonSet update strategy types.</summary>
public static class DaemonSetUpdateStrategyType
{
    /// <summary>Replace pods automatically, within a budget (the default).</summary>
    public const string RollingUpdate = "RollingUpdate";

    /// <summary>Replace a pod only when someone deletes it.</summary>
    public const string OnDelete = "OnDelete";
}

/// <summary>Rolling update budget.</summary>
public sealed record RollingUpdateDaemonSet
{
    /// <summary>How many desired nodes may be without an available pod during the update (default 1).</summary>
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>How many nodes may run an extra pod during the update (default 0).</summary>
    public IntOrString? MaxSurge { get; init; }
}

/// <summary>The update strategy.</summary>
public sealed record DaemonSetUpdateStrategy
{
    /// <summary>RollingUpdate (default) or OnDelete.</summary>
    public string Type { get; init; } = "";

    /// <summary>The rolling update budget, for RollingUpdate.</summary>
    public RollingUpdateDaemonSet? RollingUpdate { get; init; }
}

/// <summary>The DaemonSet spec.</summary>
public sealed record DaemonSetSpec
{
    /// <summary>The pod selector; required, must match the template labels, immutable.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The pod template.</summary>
    public PodTemplateSpec Template { get; init; } = new();

    /// <summary>The update strategy.</summary>
    public DaemonSetUpdateStrategy UpdateStrategy { get; init; } = new();

    /// <summary>Seconds a new pod must be ready before it counts as available (default 0).</summary>
    public int MinReadySeconds { get; init; }

    /// <summary>Old revisions to keep (default 10).</summary>
    public int? RevisionHistoryLimit { get; init; }
}

/// <summary>The DaemonSet status, computed by the controller exactly as Kubernetes does.</summary>
public sealed record DaemonSetStatus
{
    /// <summary>Nodes that run at least one daemon pod and should run one.</summary>
    public int CurrentNumberScheduled { get; init; }

    /// <summary>Nodes that run a daemon pod but should not run one.</summary>
    public int NumberMisscheduled { get; init; }

    /// <summary>Nodes that should run a daemon pod.</summary>
    public int DesiredNumberScheduled { get; init; }

    /// <summary>Nodes whose (oldest) daemon pod is Ready.</summary>
    public int NumberReady { get; init; }

    /// <summary>The generation the controller last acted on.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>Nodes whose (oldest) daemon pod runs the current template.</summary>
    public int UpdatedNumberScheduled { get; init; }

    /// <summary>Nodes whose (oldest) daemon pod is available.</summary>
    public int NumberAvailable { get; init; }

    /// <summary>Desired minus available.</summary>
    public int NumberUnavailable { get; init; }

    /// <summary>Hash collisions met while naming revisions.</summary>
    public int? CollisionCount { get; init; }
}

/// <summary>A DaemonSet (apps/v1).</summary>
public sealed record DaemonSet
{
    /// <summary>Metadata.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Spec.</summary>
    public DaemonSetSpec Spec { get; init; } = new();

    /// <summary>Status.</summary>
    public DaemonSetStatus Status { get; init; } = new();

    /// <summary>The name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The namespace.</summary>
    public string Namespace => Metadata.Namespace;

    /// <summary>The <c>namespace/name</c> key.</summary>
    public string Key => Metadata.Key;
}

/// <summary>Labels and annotations Kubernetes uses on DaemonSets and their pods.</summary>
public static class DaemonSetLabels
{
    /// <summary>The revision hash label on pods and ControllerRevisions.</summary>
    public const string ControllerRevisionHash = "controller-revision-hash";

    /// <summary>The template generation label on pods.</summary>
    public const string PodTemplateGeneration = "pod-template-generation";

    /// <summary>The template generation annotation on apps/v1 DaemonSets.</summary>
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    /// <summary>The annotation kubectl's history shows as CHANGE-CAUSE.</summary>
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <summary>The template annotation <c>kubectl rollout restart</c> writes.</summary>
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";
}
