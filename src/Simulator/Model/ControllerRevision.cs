namespace Simulator.Model;

/// <summary>
/// A ControllerRevision (apps/v1): one stored version of a DaemonSet's pod template, named <c>&lt;ds&gt;-&lt;hash&gt;</c>, labelled with
/// <c>controller-revision-hash</c>, owned by the DaemonSet, with a revision number that only grows.
/// </summary>
public sealed record ControllerRevision
{
    /// <summary>Metadata: name, namespace, the template's labels plus the hash label, a copy of the DaemonSet's annotations, the owner.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The stored pod template (Kubernetes stores it as a strategic-merge patch that replaces the whole template).</summary>
    public PodTemplateSpec Data { get; init; } = new();

    /// <summary>The revision number.</summary>
    public long Revision { get; init; }

    /// <summary>The name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The namespace.</summary>
    public string Namespace => Metadata.Namespace;

    /// <summary>The <c>namespace/name</c> key.</summary>
    public string Key => Metadata.Key;

    /// <summary>The revision's hash (its <c>controller-revision-hash</c> label).</summary>
    public string Hash => Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) ?? "";

    /// <summary>The <c>kubernetes.io/change-cause</c> annotation, if any.</summary>
    public string? ChangeCause => Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.ChangeCauseAnnotation);
}
