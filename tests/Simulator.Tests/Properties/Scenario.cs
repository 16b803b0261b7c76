using Simulator.Engine;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Tests.Properties;

/// <summary>A node as the generators describe it; turned into a <see cref="Node"/> on creation.</summary>
public sealed record NodeShape(string Name, StringMap Labels, EquatableArray<Taint> Taints, bool Cordoned, string Cpu, string Memory, string? Pods)
{
    public Node ToNode()
    {
        var allocatable = ResourceList.Of("cpu", Cpu, "memory", Memory);
        if (Pods is not null)
        {
            allocatable = allocatable.With("pods", Quantity.Parse(Pods));
        }

        return new Node
        {
            Metadata = new ObjectMeta { Name = Name, Labels = Labels },
            Spec = new NodeSpec { Taints = Taints, Unschedulable = Cordoned },
            Status = new NodeStatus { Capacity = allocatable, Allocatable = allocatable },
        };
    }

    public override string ToString() =>
        $"{Name}[{Labels}] taints=[{string.Join(" ", Taints)}]{(Cordoned ? " cordoned" : "")} cpu={Cpu} mem={Memory} pods={Pods ?? "<absent>"}";
}

/// <summary>Update strategies the generator picks from.</summary>
public static class StrategyKind
{
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";
    public const string Surge = "Surge";
}

/// <summary>A DaemonSet as the generators describe it.</summary>
public sealed record DaemonSetShape(
    string Name,
    string Namespace,
    string Image,
    StringMap NodeSelector,
    NodeSelector? Required,
    EquatableArray<Toleration> Tolerations,
    string? Cpu,
    string? Memory,
    string Strategy,
    int MinReadySeconds,
    bool HostNetwork,
    string PriorityClassName)
{
    public PodTemplateSpec Template()
    {
        var requests = ResourceList.Empty;
        if (Cpu is not null)
        {
            requests = requests.With("cpu", Quantity.Parse(Cpu));
        }

        if (Memory is not null)
        {
            requests = requests.With("memory", Quantity.Parse(Memory));
        }

        return new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = StringMap.Of("app", Name) },
            Spec = new PodSpec
            {
                NodeSelector = NodeSelector,
                Affinity = Required is null ? null : new Affinity { NodeAffinity = new NodeAffinity { Required = Required } },
                Tolerations = Tolerations,
                HostNetwork = HostNetwork,
                PriorityClassName = PriorityClassName,
                Containers = EquatableArray.Create(new Container { Name = "agent", Image = Image, Resources = new ResourceRequirements { Requests = requests } }),
            },
        };
    }

    public DaemonSetUpdateStrategy UpdateStrategy() => Strategy switch
    {
        StrategyKind.OnDelete => new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete },
        StrategyKind.Surge => new DaemonSetUpdateStrategy
        {
            Type = DaemonSetUpdateStrategyType.RollingUpdate,
            RollingUpdate = new RollingUpdateDaemonSet { MaxSurge = 1, MaxUnavailable = 0 },
        },
        _ => new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.RollingUpdate },
    };

    public DaemonSet ToDaemonSet() => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace },
        Spec = new DaemonSetSpec
        {
            Selector = LabelSelector.ForLabels("app", Name),
            Template = Template(),
            UpdateStrategy = UpdateStrategy(),
            MinReadySeconds = MinReadySeconds,
        },
    };

    /// <summary>The stored DaemonSet with this shape's spec (name and namespace of the stored one kept).</summary>
    public DaemonSet ApplyTo(DaemonSet stored) => stored with
    {
        Spec = stored.Spec with
        {
            Template = (this with { Name = stored.Name }).Template(),
            UpdateStrategy = UpdateStrategy(),
            MinReadySeconds = MinReadySeconds,
        },
    };

    public override string ToString()
    {
        var affinity = Required is null ? "-" : string.Join(" OR ", Required.NodeSelectorTerms.Select(t =>
            "{" + string.Join(" & ", t.MatchExpressions.Select(r => $"{r.Key} {r.Operator} {r.Values}").Concat(t.MatchFields.Select(r => $"field {r.Key} {r.Operator} {r.Values}"))) + "}"));
        return $"{Namespace}/{Name} image={Image} nodeSelector=[{NodeSelector}] affinity={affinity} tolerations=[{string.Join(" ", Tolerations.Select(t => $"{t.Key}:{t.Operator}:{t.Value}:{t.Effect}"))}] " +
            $"cpu={Cpu ?? "-"} mem={Memory ?? "-"} strategy={Strategy} minReady={MinReadySeconds} hostNetwork={HostNetwork} priorityClass={PriorityClassName}";
    }
}

/// <summary>One operation of a random scenario. Node and DaemonSet indexes are taken modulo the live objects (sorted by name) at the time.</summary>
public abstract record ScenarioOp;

public sealed record AddNode(NodeShape Node) : ScenarioOp;

public sealed record RemoveNode(int Index) : ScenarioOp;

public sealed record LabelNode(int Index, string Key, string? Value) : ScenarioOp;

public sealed record TaintNode(int Index, Taint Taint) : ScenarioOp
{
    public override string ToString() => $"TaintNode {{ Index = {Index}, Taint = {Taint} }}";
}

public sealed record UntaintNode(int Index, string Key, string? Effect) : ScenarioOp;

public sealed record CordonNode(int Index) : ScenarioOp;

public sealed record UncordonNode(int Index) : ScenarioOp;

public sealed record DeleteDaemonPod(int Index, long? GracePeriodSeconds) : ScenarioOp;

public sealed record CreateDaemonSet(DaemonSetShape DaemonSet) : ScenarioOp;

public sealed record UpdateDaemonSet(int Index, DaemonSetShape Shape) : ScenarioOp;

public sealed record DeleteDaemonSet(int Index, DeletionPropagation Propagation) : ScenarioOp;

public sealed record AdvanceTime(int Seconds) : ScenarioOp;

public sealed record Settle : ScenarioOp;

/// <summary>A random scenario: initial nodes and DaemonSets, then operations; always followed by a final settle.</summary>
public sealed record Scenario(ulong Seed, EquatableArray<NodeShape> Nodes, EquatableArray<DaemonSetShape> DaemonSets, EquatableArray<ScenarioOp> Ops)
{
    public override string ToString() =>
        $"Scenario seed={Seed}, {Nodes.Count} nodes, {DaemonSets.Count} DaemonSets, {Ops.Count} ops\n" +
        (Nodes.Count <= 40 ? "  nodes:\n" + string.Join("\n", Nodes.Select(n => "    " + n)) + "\n" : "") +
        "  daemonsets:\n" + string.Join("\n", DaemonSets.Select(d => "    " + d)) + "\n" +
        "  ops:\n" + string.Join("\n", Ops.Select(o => "    " + o));
}

/// <summary>Runs a scenario, calling back at every op boundary and after every settle.</summary>
public static class ScenarioRunner
{
    public static readonly TimeSpan SettleCap = TimeSpan.FromHours(2);

    /// <summary>How far the clock moves after a settle before checking (longer than any generated minReadySeconds).</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(60);

    /// <summary>Runs the scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="recordEvents">Whether kubelets record their (many) events.</param>
    /// <param name="atBoundary">Called before every op and once at the end (after the final settle).</param>
    /// <param name="atSettled">Called after every settle, the final one included.</param>
    /// <returns>The simulation at the end.</returns>
    public static Simulation Run(Scenario scenario, bool recordEvents = false, Action<Simulation>? atBoundary = null, Action<Simulation>? atSettled = null)
    {
        var sim = Start(scenario, Options(scenario, recordEvents));
        foreach (var op in scenario.Ops)
        {
            atBoundary?.Invoke(sim);
            Apply(sim, op, atSettled);
        }

        SettleAndCheck(sim, atSettled);
        atBoundary?.Invoke(sim);
        return sim;
    }

    /// <summary>The options <see cref="Run"/> builds the simulation with: the scenario's seed, and kubelets recording events or not.</summary>
    public static SimulationOptions Options(Scenario scenario, bool recordEvents = false) =>
        new() { Seed = scenario.Seed, Kubelet = new KubeletOptions { RecordEvents = recordEvents } };

    /// <summary>A simulation with the given options holding the scenario's initial nodes and DaemonSets, before any op.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">The simulation's options; <see cref="Options"/> gives the ones <see cref="Run"/> uses.</param>
    public static Simulation Start(Scenario scenario, SimulationOptions options)
    {
        var sim = new Simulation(options);
        foreach (var node in scenario.Nodes)
        {
            sim.CreateNode(node.ToNode());
        }

        foreach (var ds in scenario.DaemonSets)
        {
            TryApi(() => sim.CreateDaemonSet(ds.ToDaemonSet()));
        }

        return sim;
    }

    /// <summary>Runs until settled (failing if the cluster does not), then for <see cref="QuietWindow"/>, then calls <paramref name="atSettled"/>.</summary>
    internal static void SettleAndCheck(Simulation sim, Action<Simulation>? atSettled)
    {
        var result = sim.RunUntilSettled(SettleCap);
        if (!result.Settled)
        {
            throw new InvalidOperationException($"The cluster did not settle within {SettleCap} (reached {result.Time} after {result.Steps} steps).");
        }

        // A settled cluster stays as it is for ever, so the invariants must also hold once every minReadySeconds has passed.
        sim.RunFor(QuietWindow);
        atSettled?.Invoke(sim);
    }

    /// <summary>Applies one op to the simulation (a <see cref="Settle"/> op calls <paramref name="atSettled"/>).</summary>
    internal static void Apply(Simulation sim, ScenarioOp op, Action<Simulation>? atSettled)
    {
        var nodes = sim.State.Nodes.Keys.ToList();
        var daemonSets = sim.State.DaemonSets.Values.Where(d => d.Metadata.DeletionTimestamp is null).ToList();
        string? NodeAt(int index) => nodes.Count == 0 ? null : nodes[index % nodes.Count];
        DaemonSet? DaemonSetAt(int index) => daemonSets.Count == 0 ? null : daemonSets[index % daemonSets.Count];

        switch (op)
        {
            case AddNode add:
                if (!sim.State.Nodes.ContainsKey(add.Node.Name))
                {
                    sim.CreateNode(add.Node.ToNode());
                }

                break;
            case RemoveNode remove when NodeAt(remove.Index) is { } name:
                sim.DeleteNode(name);
                break;
            case LabelNode label when NodeAt(label.Index) is { } name:
                sim.LabelNode(name, label.Key, label.Value);
                break;
            case TaintNode taint when NodeAt(taint.Index) is { } name:
                sim.TaintNode(name, taint.Taint);
                break;
            case UntaintNode untaint when NodeAt(untaint.Index) is { } name:
                sim.RemoveTaint(name, untaint.Key, untaint.Effect);
                break;
            case CordonNode cordon when NodeAt(cordon.Index) is { } name:
                sim.Cordon(name);
                break;
            case UncordonNode uncordon when NodeAt(uncordon.Index) is { } name:
                sim.Uncordon(name);
                break;
            case DeleteDaemonPod delete:
                var pods = sim.State.Pods.Values.Where(p => p.Metadata.ControllerRef?.Kind == "DaemonSet" && !p.IsTerminating).ToList();
                if (pods.Count > 0)
                {
                    var pod = pods[delete.Index % pods.Count];
                    sim.DeletePod(pod.Namespace, pod.Name, delete.GracePeriodSeconds);
                }

                break;
            case CreateDaemonSet create:
                if (!sim.State.DaemonSets.ContainsKey(create.DaemonSet.Namespace + "/" + create.DaemonSet.Name))
                {
                    TryApi(() => sim.CreateDaemonSet(create.DaemonSet.ToDaemonSet()));
                }

                break;
            case UpdateDaemonSet update when DaemonSetAt(update.Index) is { } ds:
                TryApi(() => sim.UpdateDaemonSet(update.Shape.ApplyTo(ds)));
                break;
            case DeleteDaemonSet delete when DaemonSetAt(delete.Index) is { } ds:
                sim.DeleteDaemonSet(ds.Namespace, ds.Name, delete.Propagation);
                break;
            case AdvanceTime advance:
                sim.RunFor(TimeSpan.FromSeconds(advance.Seconds));
                break;
            case Settle:
                SettleAndCheck(sim, atSettled);
                break;
        }
    }

    // The generators only build valid objects; a rejection would be a validation difference, which these properties do not judge.
    private static void TryApi(Action call)
    {
        try
        {
            call();
        }
        catch (ApiException)
        {
        }
    }
}
