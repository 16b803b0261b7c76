using k8s;
using Simulator.Engine;
using Simulator.Kubernetes;
using Simulator.Kubernetes.Views;
using Simulator.Model;
using Simulator.Cli.Scripting;
using k8sModels = k8s.Models;

namespace Simulator.Cli.Commands;

/// <summary>A kubectl resource type: its names, whether it lives in a namespace, and how to read it from the cluster.</summary>
internal sealed record ResourceKind(string Kind, string Plural, string Group, bool Namespaced, KubectlResource View)
{
    public static readonly ResourceKind Nodes = new("Node", "nodes", "", false, KubectlResource.Nodes);
    public static readonly ResourceKind Pods = new("Pod", "pods", "", true, KubectlResource.Pods);
    public static readonly ResourceKind DaemonSets = new("DaemonSet", "daemonsets", "apps", true, KubectlResource.DaemonSets);
    public static readonly ResourceKind ControllerRevisions = new("ControllerRevision", "controllerrevisions", "apps", true, KubectlResource.ControllerRevisions);
    public static readonly ResourceKind PriorityClasses = new("PriorityClass", "priorityclasses", "scheduling.k8s.io", false, KubectlResource.PriorityClasses);
    public static readonly ResourceKind Namespaces = new("Namespace", "namespaces", "", false, KubectlResource.Namespaces);
    public static readonly ResourceKind Events = new("Event", "events", "", true, KubectlResource.Events);

    /// <summary><c>daemonsets.apps</c>: how the API server names the resource in errors.</summary>
    public string Qualified => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary><c>daemonset.apps</c>: how kubectl prefixes names in its output lines.</summary>
    public string Singular => (Kind.ToLowerInvariant()) + (Group.Length == 0 ? "" : "." + Group);

    public static ResourceKind Resolve(string text) => text.ToLowerInvariant() switch
    {
        "node" or "nodes" or "no" => Nodes,
        "pod" or "pods" or "po" => Pods,
        "daemonset" or "daemonsets" or "ds" or "daemonset.apps" or "daemonsets.apps" => DaemonSets,
        "controllerrevision" or "controllerrevisions" or "controllerrevision.apps" or "controllerrevisions.apps" => ControllerRevisions,
        "priorityclass" or "priorityclasses" or "pc" or "priorityclass.scheduling.k8s.io" or "priorityclasses.scheduling.k8s.io" => PriorityClasses,
        "namespace" or "namespaces" or "ns" => Namespaces,
        "event" or "events" or "ev" => Events,
        _ => throw new CommandException($"error: the server doesn't have a resource type \"{text}\""),
    };

    /// <summary>Every object of this kind in the namespace (all namespaces when null), in kubectl's order (namespace, then name).</summary>
    public IReadOnlyList<object> List(Simulation sim, string? ns)
    {
        var state = sim.State;
        return this switch
        {
            _ when this == Nodes => [.. state.Nodes.Values],
            _ when this == Namespaces => [.. state.Namespaces.Values],
            _ when this == PriorityClasses => [.. state.PriorityClasses.Values],
            _ when this == Pods => [.. state.Pods.Values.Where(p => ns is null || p.Namespace == ns)],
            _ when this == DaemonSets => [.. state.DaemonSets.Values.Where(d => ns is null || d.Namespace == ns)],
            _ when this == ControllerRevisions => [.. state.ControllerRevisions.Values.Where(r => ns is null || r.Namespace == ns)],
            _ => [.. sim.Events.Where(e => ns is null || KubectlEvents.Namespace(e) == ns)],
        };
    }

    public static string NameOf(object obj) => obj switch
    {
        Node n => n.Name,
        Pod p => p.Name,
        DaemonSet d => d.Name,
        ControllerRevision r => r.Name,
        PriorityClass c => c.Name,
        Namespace n => n.Name,
        ClusterEvent e => KubectlEvents.Name(e),
        _ => "",
    };

    public static StringMap LabelsOf(object obj) => obj switch
    {
        Node n => n.Metadata.Labels,
        Pod p => p.Metadata.Labels,
        DaemonSet d => d.Metadata.Labels,
        ControllerRevision r => r.Metadata.Labels,
        PriorityClass c => c.Metadata.Labels,
        Namespace n => n.Metadata.Labels,
        _ => StringMap.Empty,
    };

    /// <summary>The object as the KubernetesClient object kubectl would print for -o json / yaml.</summary>
    public static IKubernetesObject ToKubernetes(object obj) => obj switch
    {
        Node n => KubernetesMapper.ToKubernetes(n),
        Pod p => KubernetesMapper.ToKubernetes(p),
        DaemonSet d => KubernetesMapper.ToKubernetes(d),
        ControllerRevision r => KubernetesMapper.ToKubernetes(r),
        PriorityClass c => KubernetesMapper.ToKubernetes(c),
        Namespace n => KubernetesMapper.ToKubernetes(n),
        ClusterEvent e => new k8sModels.Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new k8sModels.V1ObjectMeta { Name = KubectlEvents.Name(e), NamespaceProperty = KubectlEvents.Namespace(e), CreationTimestamp = e.FirstTimestamp.ToDateTimeOffset().UtcDateTime },
            InvolvedObject = new k8sModels.V1ObjectReference
            {
                Kind = e.InvolvedObject.Kind,
                Name = e.InvolvedObject.Name,
                NamespaceProperty = e.InvolvedObject.Namespace.Length == 0 ? null : e.InvolvedObject.Namespace,
                Uid = e.InvolvedObject.Uid,
                ApiVersion = e.InvolvedObject.Kind == "DaemonSet" ? "apps/v1" : "v1",
            },
            Type = e.Type,
            Reason = e.Reason,
            Message = e.Message,
            Count = e.Count,
            FirstTimestamp = e.FirstTimestamp.ToDateTimeOffset().UtcDateTime,
            LastTimestamp = e.LastTimestamp.ToDateTimeOffset().UtcDateTime,
            Source = new k8sModels.V1EventSource { Component = e.Source },
            ReportingComponent = e.Source,
        },
        _ => throw new CommandException("error: cannot print " + obj.GetType().Name),
    };
}
