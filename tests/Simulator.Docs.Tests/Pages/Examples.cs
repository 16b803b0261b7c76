using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The two helpers the pages' snippets share (shown once, in docs/README.md).</summary>
internal static class Examples
{
    // begin-snippet: helpers
    /// <summary>Creates ready workers worker-1..worker-N with 4 CPUs, 16 GiB and 110 pods each.</summary>
    public static void AddWorkers(Simulation sim, int count, string cpu = "4")
    {
        for (var i = 1; i <= count; i++)
        {
            sim.CreateNode(new Node
            {
                Metadata = ObjectMeta.Named($"worker-{i}"),
                Status = new NodeStatus { Capacity = ResourceList.Of("cpu", cpu, "memory", "16Gi", "pods", "110") },
            });
        }
    }

    /// <summary>The fluentd log agent of the Kubernetes DaemonSet guide, in namespace logging.</summary>
    public static DaemonSet Fluentd(string image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2") => new()
    {
        Metadata = new ObjectMeta { Name = "fluentd", Namespace = "logging" },
        Spec = new DaemonSetSpec
        {
            Selector = LabelSelector.ForLabels("name", "fluentd"),
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd") },
                Spec = new PodSpec
                {
                    Containers = EquatableArray.Create(new Container
                    {
                        Name = "fluentd",
                        Image = image,
                        Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi") },
                    }),
                },
            },
        },
    };

    /// <summary>Shorthand for changing the pod template's spec.</summary>
    public static DaemonSet WithPodSpec(this DaemonSet ds, Func<PodSpec, PodSpec> change) =>
        ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = change(ds.Spec.Template.Spec) } } };
    // end-snippet

    /// <summary>The nodes that run a pod of the DaemonSet, sorted.</summary>
    public static IReadOnlyList<string> NodesRunning(Simulation sim, string ns, string name)
    {
        var ds = sim.State.GetDaemonSet(ns, name)!;
        return [.. sim.State.PodsControlledBy(ds.Metadata.Uid).Where(p => p.IsBound && !p.IsTerminating).Select(p => p.Spec.NodeName).Order(StringComparer.Ordinal)];
    }
}
