using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Benchmarks;

/// <summary>
/// Fixed-seed clusters for the benchmarks: nodes with a few label values and taints, DaemonSets with mixed constraints. Every
/// cluster is built the same way for the fast engine and for the naive reference, so their figures compare like with like.
/// </summary>
internal static class ClusterFactory
{
    public const string Namespace = "bench";

    /// <summary>
    /// Options for a benchmark run. Kubelets start every pod exactly one second after it is bound (no random spread), so a cold
    /// reconcile takes a handful of instants and the naive reference finishes at 5,000 nodes; kubelet events are off, as
    /// <see cref="KubeletOptions.RecordEvents"/> advises for very large runs. The naive reference runs the plain algorithms:
    /// the DaemonSet controller re-syncs every DaemonSet over every node per event (upstream's), and the scheduler filters and
    /// scores every node (<c>percentageOfNodesToScore: 100</c>).
    /// </summary>
    public static SimulationOptions Options(bool naive = false, ulong seed = 42) => new()
    {
        Seed = seed,
        Kubelet = new KubeletOptions { RecordEvents = false, StartLatencyMin = TimeSpan.FromSeconds(1), StartLatencyMax = TimeSpan.FromSeconds(1) },
        DaemonSetFullResync = naive,
        SchedulerProfile = naive ? SchedulerProfile.Default with { PercentageOfNodesToScore = 100 } : SchedulerProfile.Default,
    };

    public static string NodeName(int i) => $"node-{i:D6}";

    public static Node Node(int i) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = NodeName(i),
            Labels = StringMap.Of("zone", $"z{i % 4}", "pool", i % 5 == 0 ? "gpu" : "general", "tier", i % 2 == 0 ? "a" : "b"),
        },
        Spec = new NodeSpec { Taints = i % 10 == 0 ? EquatableArray.Create(new Taint("dedicated", "gpu", TaintEffect.NoSchedule)) : default },
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "16", "memory", "64Gi", "pods", "110") },
    };

    /// <summary>DaemonSet <paramref name="i"/>: in turn no constraint, a nodeSelector, a required node affinity, and a toleration.</summary>
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
            Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
            Spec = new DaemonSetSpec
            {
                Selector = LabelSelector.ForLabels("app", name),
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = StringMap.Of("app", name) }, Spec = spec },
            },
        };
    }

    /// <summary>A cluster of <paramref name="nodes"/> nodes and the benchmark namespace, with no workloads.</summary>
    public static Simulation Nodes(int nodes, bool naive = false)
    {
        var sim = new Simulation(Options(naive));
        for (var i = 0; i < nodes; i++)
        {
            sim.CreateNode(Node(i));
        }

        sim.CreateNamespace(Namespace);
        sim.RunUntilSettled();
        return sim;
    }

    /// <summary>Creates <paramref name="daemonSets"/> DaemonSets (not yet reconciled).</summary>
    public static void AddDaemonSets(Simulation sim, int daemonSets)
    {
        for (var i = 0; i < daemonSets; i++)
        {
            sim.CreateDaemonSet(DaemonSet(i));
        }
    }

    /// <summary>A settled cluster of <paramref name="nodes"/> nodes and <paramref name="daemonSets"/> DaemonSets.</summary>
    public static Simulation Settled(int nodes, int daemonSets, bool naive = false)
    {
        var sim = Nodes(nodes, naive);
        AddDaemonSets(sim, daemonSets);
        sim.RunUntilSettled();
        return sim;
    }

    /// <summary>The pods of DaemonSets that are Running.</summary>
    public static int RunningPods(Simulation sim) => sim.State.Pods.Values.Count(p => p.Status.Phase == PodPhase.Running);
}
