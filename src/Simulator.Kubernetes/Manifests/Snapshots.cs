using k8s;
using k8s.Models;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Manifests;

/// <summary>
/// Cluster snapshots as Kubernetes objects: read the output of <c>kubectl get nodes,pods,daemonsets,controllerrevisions,priorityclasses
/// -A -o yaml</c> into a <see cref="ClusterSnapshot"/> for <see cref="Simulation.Restore"/>, and write a simulated cluster back out in
/// the same shape.
/// </summary>
public static class Snapshots
{
    /// <summary>Reads a snapshot file or folder (folders recursively).</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="displayPath">How to name the path in errors; the path itself when null.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ManifestException">A manifest is bad.</exception>
    /// <exception cref="Validation.ApiException">An object holds a value the model cannot take (for example a bad quantity).</exception>
    public static ClusterSnapshot Read(string path, string? displayPath = null) => FromManifests(ManifestReader.ReadPath(path, recursive: true, displayPath));

    /// <summary>Sorts objects into a snapshot, converting each to the core model.</summary>
    /// <param name="objects">The objects.</param>
    /// <returns>The snapshot.</returns>
    public static ClusterSnapshot FromManifests(IEnumerable<ManifestObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.Select(o => o.Object).ToList();
        return new ClusterSnapshot
        {
            Namespaces = list.OfType<V1Namespace>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
            PriorityClasses = list.OfType<V1PriorityClass>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
            Nodes = list.OfType<V1Node>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
            DaemonSets = list.OfType<V1DaemonSet>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
            ControllerRevisions = list.OfType<V1ControllerRevision>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
            Pods = list.OfType<V1Pod>().Select(KubernetesMapper.ToModel).ToEquatableArray(),
        };
    }

    /// <summary>
    /// The cluster as <c>kubectl get namespaces,nodes,pods,daemonsets,controllerrevisions,priorityclasses -A</c> lists it, ready for
    /// <c>KubectlOutput.Yaml(objects, asList: true)</c>; loading that back with <see cref="Read"/> and <see cref="Simulation.Restore"/>
    /// gives a cluster the controllers leave as it is.
    /// </summary>
    /// <param name="state">The cluster state.</param>
    /// <returns>The objects, kind by kind, each kind in name order.</returns>
    public static IReadOnlyList<IKubernetesObject> Export(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var objects = new List<IKubernetesObject>();
        objects.AddRange(state.Namespaces.Values.Select(KubernetesMapper.ToKubernetes));
        objects.AddRange(state.Nodes.Values.Select(KubernetesMapper.ToKubernetes));
        objects.AddRange(state.Pods.Values.Select(KubernetesMapper.ToKubernetes));
        objects.AddRange(state.DaemonSets.Values.Select(KubernetesMapper.ToKubernetes));
        objects.AddRange(state.ControllerRevisions.Values.Select(KubernetesMapper.ToKubernetes));
        objects.AddRange(state.PriorityClasses.Values.Select(KubernetesMapper.ToKubernetes));
        return objects;
    }
}
