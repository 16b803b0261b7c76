using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Benchmarks;

/// <summary>Fixed-seed clusters for the benchmarks: nodes with a few label values and taints, DaemonSets with mixed constraints.</summary>
internal static class ClusterFactory
{
    public static Node Node(int i) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"node-{i:D6}",
            Labels = StringMap.Of("zone", $"z{i % 4}", "pool", i % 5 == 0 ? "gpu" : "general", "tier", i % 2 == 0 ? "a" : "b"),
        },
        Spec = new NodeSpec { Taints = i % 10 == 0 ? EquatableArray.Create(new Taint("dedicated", "gpu", TaintEffect.NoSchedule)) : default },
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "16", "memory", "64Gi", "pods", "110") },
    };

    public static DaemonSet DaemonSet(int i)
    {
        var spec = new PodSpec
        {
            Containers = EquatableArray.Create(new Container
            {
                Name = "agent",
                Image = $"agent-{i}:1.0",
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "10m", "memory", "20Mi") },
            }),
        };
        spec = (i % 4) switch
        {
            0 => spec,
            1 => spec with { NodeSelector = StringMap.Of("tier", "a") },
            2 => spec with
            {
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("zone", SelectorOperator.In, "z0", "z1")) }),
                    },
                },
            },
            _ => spec with { Tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Exists)) },
        };
        var name = $"ds-{i:D2}";
        return new DaemonSet
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "bench" },
            Spec = new DaemonSetSpec
            {
                Selector = LabelSelector.ForLabels("app", name),
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = StringMap.Of("app", name) }, Spec = spec },
            },
        };
    }

    /// <summary>A settled cluster of <paramref name="nodes"/> nodes and <paramref name="daemonSets"/> DaemonSets.</summary>
    public static Simulation Settled(int nodes, int daemonSets)
    {
        var sim = new Simulation(new SimulationOptions { Seed = 42, Kubelet = new KubeletOptions { RecordEvents = false } });
        for (var i = 0; i < nodes; i++)
        {
            sim.CreateNode(Node(i));
        }

        sim.CreateNamespace("bench");
        for (var i = 0; i < daemonSets; i++)
        {
            sim.CreateDaemonSet(DaemonSet(i));
        }

        sim.RunUntilSettled();
        return sim;
    }
}
