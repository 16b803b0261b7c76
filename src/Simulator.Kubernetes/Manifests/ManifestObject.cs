using k8s;

namespace Simulator.Kubernetes.Manifests;

/// <summary>One object read from a manifest, with where it came from.</summary>
/// <param name="Object">The KubernetesClient object (<c>V1DaemonSet</c>, <c>V1Node</c>, ...).</param>
/// <param name="Source">The file it was read from, as given (or the source name passed for text).</param>
/// <param name="Line">The 1-based line where its YAML document or list item starts.</param>
public sealed record ManifestObject(IKubernetesObject Object, string Source, int Line)
{
    /// <summary>The object's kind, e.g. <c>DaemonSet</c>.</summary>
    public string Kind => Object.Kind;

    /// <summary>The object's name (empty when it has none).</summary>
    public string Name => (Object as IKubernetesObject<k8s.Models.V1ObjectMeta>)?.Metadata?.Name ?? "";

    /// <summary>The object's namespace as written (empty when none was given).</summary>
    public string Namespace => (Object as IKubernetesObject<k8s.Models.V1ObjectMeta>)?.Metadata?.NamespaceProperty ?? "";
}
