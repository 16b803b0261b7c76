using System.Globalization;
using FsCheck.Xunit;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>What a preemption run observed: every Preempted event with the priorities of its victim and preemptor.</summary>
public sealed record PreemptionObservation(string Victim, int VictimPriority, string Preemptor, int PreemptorPriority, string Node);

/// <summary>
/// Runs a <see cref="PreemptionScenario"/>: classes, nodes and workload pods, settle; DaemonSets, settle; late workload pods,
/// settle. It advances in one-second chunks so that every pod is seen while it exists (victims last their grace period of
/// at least 5 s), and resolves each Preempted event to the priorities of both pods.
/// </summary>
public sealed class PreemptionRunner
{
    private static readonly TimeSpan SettleCap = TimeSpan.FromHours(2);

    private readonly Dictionary<string, (string Name, int Priority)> _seen = new(StringComparer.Ordinal);
    private int _eventsRead;
    private bool _observe;
    private object? _lastPods;

    public PreemptionRunner(PreemptionScenario scenario)
    {
        Scenario = scenario;
        Sim = new Simulation(new SimulationOptions { Seed = scenario.Seed, Kubelet = new KubeletOptions { RecordEvents = false } });
    }

    public PreemptionScenario Scenario { get; }

    public Simulation Sim { get; }

    public List<PreemptionObservation> Preemptions { get; } = [];

    public List<string> Unresolved { get; } = [];

    /// <summary>Runs the scenario.</summary>
    /// <param name="atSettled">Called after each of the three settles.</param>
    /// <param name="observe">Whether to resolve Preempted events (costs a look at the pods every simulated second).</param>
    public PreemptionRunner Run(Action<Simulation>? atSettled = null, bool observe = false)
    {
        _observe = observe;
        foreach (var (name, value, policy) in PreemptionArbitraries.WorkloadClasses)
        {
            Sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named(name), Value = value, PreemptionPolicy = policy });
        }

        foreach (var node in Scenario.Nodes)
        {
            Sim.CreateNode(node.ToNode());
        }

        CreateWorkload(Scenario.Workload, "w");
        Settle(atSettled);
        foreach (var ds in Scenario.DaemonSets)
        {
            Sim.CreateDaemonSet(ds.ToDaemonSet());
        }

        Settle(atSettled);
        CreateWorkload(Scenario.LateWorkload, "late");
        Settle(atSettled);
        return this;
    }

    private void CreateWorkload(EquatableArray<WorkloadShape> pods, string prefix)
    {
        var i = 0;
        foreach (var w in pods)
        {
            var node = Scenario.Nodes[w.NodeIndex % Scenario.Nodes.Count].Name;
            var requests = ResourceList.Of("cpu", w.Cpu);
            if (w.Memory is not null)
            {
                requests = requests.With("memory", Quantity.Parse(w.Memory));
            }

            Sim.CreatePods("default", $"{prefix}-{i++.ToString(CultureInfo.InvariantCulture)}-", 1, new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = StringMap.Of("app", "workload") },
                Spec = new PodSpec
                {
                    // Pinned the way daemon pods are (one metadata.name term), so the scheduler filters one node, not 500.
                    Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(NodeSelectorTerm.ForNodeName(node)) } },
                    PriorityClassName = w.PriorityClass,
                    TerminationGracePeriodSeconds = w.Grace,
                    Containers = EquatableArray.Create(new Container { Name = "app", Image = "app:v1", Resources = new ResourceRequirements { Requests = requests } }),
                },
            });
        }

        Observe();
    }

    private void Settle(Action<Simulation>? atSettled)
    {
        if (!_observe)
        {
            if (!Sim.RunUntilSettled(SettleCap).Settled)
            {
                throw new InvalidOperationException($"The cluster did not settle within {SettleCap}.");
            }

            atSettled?.Invoke(Sim);
            return;
        }

        var deadline = Sim.Now + SettleCap;
        while (Sim.PendingEvents > 0)
        {
            if (Sim.Now >= deadline)
            {
                throw new InvalidOperationException($"The cluster did not settle within {SettleCap}.");
            }

            Sim.RunFor(TimeSpan.FromSeconds(1));
            Observe();
        }

        atSettled?.Invoke(Sim);
    }

    private void Observe()
    {
        if (!_observe)
        {
            return;
        }

        var events = Sim.Events;
        if (!ReferenceEquals(_lastPods, Sim.State.Pods))
        {
            _lastPods = Sim.State.Pods;
            foreach (var pod in Sim.State.Pods.Values)
            {
                _seen.TryAdd(pod.Metadata.Uid, (pod.Name, pod.Spec.Priority ?? 0));
            }
        }

        for (; _eventsRead < events.Count; _eventsRead++)
        {
            var e = events[_eventsRead];
            if (e.Reason != "Preempted")
            {
                continue;
            }

            // "Preempted by pod <uid> on node <node>"
            var parts = e.Message.Split(' ');
            var preemptorUid = parts.Length == 7 ? parts[3] : "";
            var node = parts.Length == 7 ? parts[6] : "";
            if (!_seen.TryGetValue(e.InvolvedObject.Uid, out var victim) || !_seen.TryGetValue(preemptorUid, out var preemptor))
            {
                Unresolved.Add($"{e}: victim or preemptor never observed");
                continue;
            }

            Preemptions.Add(new PreemptionObservation(victim.Name, victim.Priority, preemptor.Name, preemptor.Priority, node));
        }
    }
}

/// <summary>
/// Clusters of 500+ nodes filled with workload pods of random priorities, DaemonSets of random priority classes on top, and
/// more workload afterwards: preemption only ever takes strictly lower priority, nodes never go over allocatable, and a
/// DaemonSet that outranks everything and fits every node runs everywhere it should.
/// </summary>
public sealed class PreemptionProperties
{
    public static List<string> StrictlyLowerViolations(PreemptionRunner run) =>
        run.Unresolved
            .Concat(run.Preemptions
                .Where(p => p.VictimPriority >= p.PreemptorPriority)
                .Select(p => $"{p.Victim} (priority {p.VictimPriority}) preempted by {p.Preemptor} (priority {p.PreemptorPriority}) on {p.Node}"))
            .ToList();

    /// <summary>Nodes where the critical DaemonSet should run (reference model) and whose allocatable holds its requests alone.</summary>
    public static List<string> CriticalMissing(ClusterState state)
    {
        var ds = state.GetDaemonSet("default", "critical")!;
        var (cpu, memory) = ReferenceModel.Requests(ds.Spec.Template.Spec);
        var running = state.PodsControlledBy(ds.Metadata.Uid)
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status.Phase == PodPhase.Running && p.Spec.NodeName.Length != 0)
            .GroupBy(p => p.Spec.NodeName)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var node in state.Nodes.Values)
        {
            var allocatable = node.Status.Allocatable;
            var fits = (allocatable.TryGetValue("cpu", out var c) ? c.MilliValue : 0) >= cpu &&
                (allocatable.TryGetValue("memory", out var m) ? m.Value : 0) >= memory &&
                (allocatable.TryGetValue("pods", out var p) ? p.Value : 0) >= 1;
            if (fits && ReferenceModel.Verdict(node, ds).ShouldRun && running.GetValueOrDefault(node.Name) != 1)
            {
                var pods = state.PodsControlledBy(ds.Metadata.Uid).Where(x => ReferenceModel.TargetNode(x) == node.Name)
                    .Select(x => $"{x.Name}/{x.Status.Phase}/bound={x.Spec.NodeName}/nominated={x.Status.NominatedNodeName}/terminating={x.IsTerminating}");
                var others = state.PodsOnNode(node.Name).Where(x => x.Metadata.ControllerRef?.Uid != ds.Metadata.Uid)
                    .Select(x => $"{x.Name}(prio {x.Spec.Priority}, {x.Status.Phase}{(x.IsTerminating ? ", terminating" : "")})");
                errors.Add($"{node.Name} should run critical and has {running.GetValueOrDefault(node.Name)} running pods [{string.Join(", ", pods)}]; node holds [{string.Join(", ", others)}]");
            }
        }

        return errors;
    }

    [Property(Arbitrary = new[] { typeof(PreemptionArbitraries) }, MaxTest = 50)]
    public void Preemption_OnlyEvictsStrictlyLowerPriority(PreemptionScenario scenario)
    {
        var run = new PreemptionRunner(scenario).Run(observe: true);

        StrictlyLowerViolations(run).ShouldBeEmpty();
    }

    [Property(Arbitrary = new[] { typeof(PreemptionArbitraries) }, MaxTest = 60)]
    public void Nodes_Settled_NeverOverAllocatable(PreemptionScenario scenario) =>
        new PreemptionRunner(scenario).Run(sim => Invariants.NeverOverAllocatable(sim.State).ShouldBeEmpty());

    [Property(Arbitrary = new[] { typeof(PreemptionArbitraries) }, MaxTest = 60)]
    public void HighPriorityDaemonSet_ThatFits_RunsOnEveryEligibleNode(PreemptionScenario scenario) =>
        new PreemptionRunner(scenario).Run(sim =>
        {
            if (sim.State.GetDaemonSet("default", "critical") is not null)
            {
                CriticalMissing(sim.State).ShouldBeEmpty();
            }
        });
}
