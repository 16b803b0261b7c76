using System.Globalization;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>
/// What the controller derives once from a DaemonSet's spec and reuses for every node: the daemon pods' tolerations, the current
/// revision hash, the template generation and whether surge is enabled.
/// </summary>
public sealed class DaemonSetPlan
{
    /// <summary>Derives the plan.</summary>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="hash">The current revision's hash; computed from the template and collision count when null.</param>
    public DaemonSetPlan(DaemonSet ds, string? hash = null)
    {
        ArgumentNullException.ThrowIfNull(ds);
        DaemonSet = ds;
        Tolerations = DaemonSetPredicates.DaemonPodTolerations(ds.Spec.Template.Spec);
        Hash = hash ?? TemplateHash.Compute(ds.Spec.Template, ds.Status.CollisionCount);
        TemplateGeneration = long.TryParse(ds.Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.TemplateGenerationAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : null;
        AllowsSurge = RollingUpdateBudget.Resolve(ds, 1).MaxSurge > 0;
        var labels = ds.Spec.Template.Metadata.Labels.With(DaemonSetLabels.ControllerRevisionHash, Hash);
        PodLabels = TemplateGeneration is { } generation
            ? labels.With(DaemonSetLabels.PodTemplateGeneration, generation.ToString(CultureInfo.InvariantCulture))
            : labels;
        PodOwners = EquatableArray.Create(new OwnerReference("apps/v1", "DaemonSet", ds.Name, ds.Metadata.Uid));
    }

    private DaemonSetPlan(DaemonSetPlan derived, DaemonSet ds)
    {
        DaemonSet = ds;
        Tolerations = derived.Tolerations;
        Hash = derived.Hash;
        TemplateGeneration = derived.TemplateGeneration;
        AllowsSurge = derived.AllowsSurge;
        PodLabels = derived.PodLabels;
        PodOwners = derived.PodOwners;
    }

    /// <summary>The DaemonSet.</summary>
    public DaemonSet DaemonSet { get; }

    /// <summary>A plan for a newer version of the same DaemonSet, reusing the derived values when spec, annotations and collision count are unchanged.</summary>
    /// <param name="ds">The newer DaemonSet.</param>
    /// <returns>The plan.</returns>
    public DaemonSetPlan For(DaemonSet ds)
    {
        if (ReferenceEquals(ds, DaemonSet))
        {
            return this;
        }

        // A status write (even of the collision count) keeps the revision the history step chose.
        var same = ds.Spec == DaemonSet.Spec && ds.Metadata.Annotations == DaemonSet.Metadata.Annotations;
        return same ? new DaemonSetPlan(this, ds) : new DaemonSetPlan(ds);
    }

    /// <summary>The tolerations every daemon pod carries.</summary>
    public Model.EquatableArray<Toleration> Tolerations { get; }

    /// <summary>The current revision hash.</summary>
    public string Hash { get; }

    /// <summary>The template generation from the <c>deprecated.daemonset.template.generation</c> annotation, if present.</summary>
    public long? TemplateGeneration { get; }

    /// <summary>Whether the update strategy allows surge pods.</summary>
    public bool AllowsSurge { get; }

    // Every daemon pod of one revision carries the same labels and owner reference: made once, shared by all of them.
    internal StringMap PodLabels { get; }

    internal EquatableArray<OwnerReference> PodOwners { get; }

    /// <summary>The verdict for one node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The verdict.</returns>
    public NodeVerdict Evaluate(Node node) => DaemonSetPredicates.NodeShouldRunDaemonPod(node, DaemonSet.Spec.Template.Spec, Tolerations);

    /// <summary>
    /// Whether a pod runs the current template (<c>IsPodUpdated</c>): its hash label equals the current hash, or its
    /// <c>pod-template-generation</c> label equals the template generation.
    /// </summary>
    /// <param name="pod">The pod.</param>
    /// <returns>True when updated.</returns>
    public bool IsUpdated(Pod pod)
    {
        if (pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) == Hash)
        {
            return true;
        }

        return TemplateGeneration is { } generation &&
            pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.PodTemplateGeneration) == generation.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>The rolling update budget resolved against a number of nodes.</summary>
/// <param name="MaxUnavailable">How many nodes may lack an available pod.</param>
/// <param name="MaxSurge">How many nodes may run an extra pod.</param>
public readonly record struct RollingUpdateBudget(int MaxUnavailable, int MaxSurge)
{
    /// <summary>
    /// Resolves maxUnavailable and maxSurge against <paramref name="desired"/> nodes: integers as they are, percentages rounded up;
    /// both zero with desired &gt; 0 becomes maxUnavailable 1. Not RollingUpdate: zero surge.
    /// </summary>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="desired">The number of nodes that should run a pod.</param>
    /// <returns>The budget.</returns>
    public static RollingUpdateBudget Resolve(DaemonSet ds, int desired)
    {
        var strategy = ds.Spec.UpdateStrategy;
        if (strategy.Type != DaemonSetUpdateStrategyType.RollingUpdate || strategy.RollingUpdate is null)
        {
            return new RollingUpdateBudget(0, 0);
        }

        var unavailable = Scaled(strategy.RollingUpdate.MaxUnavailable ?? 1, desired);
        var surge = Scaled(strategy.RollingUpdate.MaxSurge ?? 0, desired);
        if (desired > 0 && unavailable == 0 && surge == 0)
        {
            unavailable = 1;
        }

        return new RollingUpdateBudget(unavailable, surge);
    }

    /// <summary>Resolves an int-or-percent against a total, rounding percentages up.</summary>
    /// <param name="value">The value.</param>
    /// <param name="total">The total.</param>
    /// <returns>The resolved count (0 for malformed values).</returns>
    public static int Scaled(IntOrString value, int total)
    {
        if (value.IntValue is { } i)
        {
            return i;
        }

        var text = value.StringValue ?? "";
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return 0;
        }

        return (int)(((long)percent * total + 99) / 100);
    }
}
