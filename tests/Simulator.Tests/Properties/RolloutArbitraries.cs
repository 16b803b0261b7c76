using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>How a generated DaemonSet updates: a RollingUpdate budget (one of the four int/percent forms) or OnDelete.</summary>
public enum BudgetKind
{
    UnavailableInt,
    UnavailablePercent,
    SurgeInt,
    SurgePercent,
    OnDelete,
}

/// <summary>An update strategy as the generators describe it. Surge forms always carry maxUnavailable 0 (validation demands it).</summary>
public sealed record RolloutBudget(BudgetKind Kind, int Value)
{
    public bool IsSurge => Kind is BudgetKind.SurgeInt or BudgetKind.SurgePercent;

    public bool IsRolling => Kind != BudgetKind.OnDelete;

    public DaemonSetUpdateStrategy ToStrategy()
    {
        var percent = Value.ToString(CultureInfo.InvariantCulture) + "%";
        return Kind switch
        {
            BudgetKind.OnDelete => new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete },
            BudgetKind.UnavailableInt => Rolling(Value, 0),
            BudgetKind.UnavailablePercent => Rolling(percent, 0),
            BudgetKind.SurgeInt => Rolling(0, Value),
            _ => Rolling(0, percent),
        };

        static DaemonSetUpdateStrategy Rolling(IntOrString unavailable, IntOrString surge) => new()
        {
            Type = DaemonSetUpdateStrategyType.RollingUpdate,
            RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = unavailable, MaxSurge = surge },
        };
    }

    /// <summary>§13.1 restated: integers as they are, percentages rounded up over desired; both zero with desired &gt; 0 means maxUnavailable 1.</summary>
    public (int MaxUnavailable, int MaxSurge) Resolve(int desired)
    {
        int Scale(bool percent) => percent ? (int)Math.Ceiling(Value * (decimal)desired / 100m) : Value;
        var (unavailable, surge) = Kind switch
        {
            BudgetKind.UnavailableInt => (Scale(false), 0),
            BudgetKind.UnavailablePercent => (Scale(true), 0),
            BudgetKind.SurgeInt => (0, Scale(false)),
            BudgetKind.SurgePercent => (0, Scale(true)),
            _ => (0, 0),
        };
        return desired > 0 && unavailable == 0 && surge == 0 && IsRolling ? (1, 0) : (unavailable, surge);
    }

    public override string ToString() => Kind switch
    {
        BudgetKind.OnDelete => "OnDelete",
        BudgetKind.UnavailableInt => $"maxUnavailable={Value}",
        BudgetKind.UnavailablePercent => $"maxUnavailable={Value}%",
        BudgetKind.SurgeInt => $"maxSurge={Value}",
        _ => $"maxSurge={Value}%",
    };
}

/// <summary>Kubelet timing, in milliseconds (a null termination means the pod's full grace period, 30 s).</summary>
public sealed record RolloutKubelet(int StartMinMs, int StartMaxMs, int ReadyDelayMs, int? TerminationMs)
{
    public static readonly RolloutKubelet Instant = new(0, 0, 0, 0);

    public KubeletOptions ToOptions() => new()
    {
        RecordEvents = false,
        StartLatencyMin = TimeSpan.FromMilliseconds(StartMinMs),
        StartLatencyMax = TimeSpan.FromMilliseconds(StartMaxMs),
        ReadyDelay = TimeSpan.FromMilliseconds(ReadyDelayMs),
        TerminationDuration = TerminationMs is { } t ? TimeSpan.FromMilliseconds(t) : null,
    };

    public override string ToString() => $"start={StartMinMs}..{StartMaxMs}ms ready+{ReadyDelayMs}ms terminate={(TerminationMs is { } t ? t + "ms" : "grace")}";
}

/// <summary>A DaemonSet of a rollout scenario: one container whose image the scenario changes.</summary>
public sealed record RolloutDaemonSet(string Name, StringMap NodeSelector, RolloutBudget Budget, int MinReadySeconds, int RevisionHistoryLimit, string Image, string? Cpu)
{
    public PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta { Labels = StringMap.Of("app", Name) },
        Spec = new PodSpec
        {
            NodeSelector = NodeSelector,
            Containers = EquatableArray.Create(new Container
            {
                Name = "agent",
                Image = image,
                Resources = new ResourceRequirements { Requests = Cpu is null ? ResourceList.Empty : ResourceList.Of("cpu", Cpu) },
            }),
        },
    };

    public DaemonSet ToDaemonSet() => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = "default" },
        Spec = new DaemonSetSpec
        {
            Selector = LabelSelector.ForLabels("app", Name),
            Template = Template(Image),
            UpdateStrategy = Budget.ToStrategy(),
            MinReadySeconds = MinReadySeconds,
            RevisionHistoryLimit = RevisionHistoryLimit,
        },
    };

    public override string ToString() =>
        $"{Name} image={Image} nodeSelector=[{NodeSelector}] {Budget} minReady={MinReadySeconds} historyLimit={RevisionHistoryLimit} cpu={Cpu ?? "-"}";
}

/// <summary>One operation of a rollout scenario; DaemonSet, pod and node indexes are taken modulo what exists at the time.</summary>
public abstract record RolloutOp;

/// <summary>Sets the DaemonSet's container image (a template change, hence a new revision, unless the image is already set).</summary>
public sealed record ChangeImage(int DaemonSet, string Image) : RolloutOp;

/// <summary>Lets the clock run (a template change during a rollout follows a wait shorter than the rollout).</summary>
public sealed record Wait(int Seconds) : RolloutOp;

/// <summary>Runs until the cluster is quiet, or for at most a few simulated minutes (the rollout may still be running after it).</summary>
public sealed record WaitForRollout : RolloutOp;

/// <summary>Deletes one non-terminating daemon pod (all DaemonSets' pods sorted by key).</summary>
public sealed record DeleteRolloutPod(int Index, long? GracePeriodSeconds) : RolloutOp;

/// <summary>Sets or removes a node label, which may make the node (in)eligible for a DaemonSet with a nodeSelector.</summary>
public sealed record SetNodeLabel(int Index, string Key, string? Value) : RolloutOp;

/// <summary>A cluster, its DaemonSets (created and rolled out fully before the ops), kubelet timing, and the ops.</summary>
public sealed record RolloutScenario(ulong Seed, EquatableArray<NodeShape> Nodes, EquatableArray<RolloutDaemonSet> DaemonSets, RolloutKubelet Kubelet, EquatableArray<RolloutOp> Ops)
{
    public override string ToString() =>
        $"RolloutScenario seed={Seed}, {Nodes.Count} nodes, kubelet {Kubelet}\n" +
        (Nodes.Count <= 40 ? "  nodes:\n" + string.Join("\n", Nodes.Select(n => "    " + n)) + "\n" : "") +
        "  daemonsets:\n" + string.Join("\n", DaemonSets.Select(d => "    " + d)) + "\n" +
        "  ops:\n" + string.Join("\n", Ops.Select(o => "    " + o));
}

/// <summary>RollingUpdate DaemonSets whose template changes (to good and sometimes unpullable images) while the clock is stepped.</summary>
public sealed record RollingCase(RolloutScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>RollingUpdate DaemonSets changed only to good images, judged once settled.</summary>
public sealed record GoodImageRollingCase(RolloutScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>OnDelete DaemonSets: template changes, pod deletions and node label changes.</summary>
public sealed record OnDeleteCase(RolloutScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>Any strategy, small history limits, images drawn from a small pool so that old templates come back.</summary>
public sealed record HistoryCase(RolloutScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>Generators and shrinkers of the rollout properties (register with <c>Arbitrary = [typeof(RolloutArbitraries)]</c>).</summary>
public sealed class RolloutArbitraries
{
    /// <summary>An image every kubelet fails to pull (registered with <see cref="Simulation.FailImage"/> by the runner).</summary>
    public const string BadImage = "agent:broken";

    public static readonly string[] GoodImages = ["agent:v1", "agent:v2", "agent:v3", "agent:v4", "agent:v5"];

    private static readonly string[] Zones = ["a", "b", "c"];
    private static readonly string[] Pools = ["p1", "p2"];

    // ----- registered arbitraries -----

    public static Arbitrary<RollingCase> RollingCase() =>
        Arb.From(ScenarioGen(RollingBudgetGen(), allowBadImages: true, deletions: false, labels: false, imagePool: GoodImages).Select(s => new RollingCase(s)),
            c => ShrinkScenario(c.Scenario).Select(s => new RollingCase(s)));

    public static Arbitrary<GoodImageRollingCase> GoodImageRollingCase() =>
        Arb.From(ScenarioGen(RollingBudgetGen(), allowBadImages: false, deletions: false, labels: false, imagePool: GoodImages).Select(s => new GoodImageRollingCase(s)),
            c => ShrinkScenario(c.Scenario).Select(s => new GoodImageRollingCase(s)));

    public static Arbitrary<OnDeleteCase> OnDeleteCase() =>
        Arb.From(ScenarioGen(Gen.Constant(new RolloutBudget(BudgetKind.OnDelete, 0)), allowBadImages: false, deletions: true, labels: true, imagePool: GoodImages, maxOps: 16).Select(s => new OnDeleteCase(s)),
            c => ShrinkScenario(c.Scenario).Select(s => new OnDeleteCase(s)));

    public static Arbitrary<HistoryCase> HistoryCase() =>
        Arb.From(
            ScenarioGen(Gen.Frequency((3, RollingBudgetGen()), (2, Gen.Constant(new RolloutBudget(BudgetKind.OnDelete, 0)))),
                allowBadImages: false, deletions: true, labels: false, imagePool: GoodImages[..3], historyLimits: Gen.Elements(0, 0, 1, 2, 3), maxOps: 16).Select(s => new HistoryCase(s)),
            c => ShrinkScenario(c.Scenario).Select(s => new HistoryCase(s)));

    // ----- generators -----

    public static Gen<RolloutBudget> RollingBudgetGen() =>
        Gen.Frequency(
            (3, Gen.Elements(1, 2, 3, 7, 25, 80, 600).Select(v => new RolloutBudget(BudgetKind.UnavailableInt, v))),
            (3, Gen.Elements(1, 5, 10, 33, 50, 100).Select(v => new RolloutBudget(BudgetKind.UnavailablePercent, v))),
            (2, Gen.Elements(1, 2, 9, 40, 600).Select(v => new RolloutBudget(BudgetKind.SurgeInt, v))),
            (2, Gen.Elements(1, 10, 25, 50, 100).Select(v => new RolloutBudget(BudgetKind.SurgePercent, v))));

    public static Gen<RolloutKubelet> KubeletGen() =>
        from startMin in Gen.Elements(0, 500, 1000)
        from spread in Gen.Elements(0, 2000, 5000)
        from ready in Gen.Elements(0, 0, 1500, 10_000)
        from termination in Gen.Elements<int?>(null, 0, 1000, 3000, 3000)
        select new RolloutKubelet(startMin, startMin + spread, ready, termination);

    public static Gen<NodeShape> NodeGen(int i) =>
        from zone in Gen.Elements(Zones)
        from pool in Gen.Elements(Pools)
        select new NodeShape(Arbitraries.NodeName(i), StringMap.Of("zone", zone, "pool", pool), default, false, "8", "16Gi", "110");

    public static Gen<StringMap> NodeSelectorGen(bool selective) =>
        Gen.Frequency(
            (selective ? 1 : 4, Gen.Constant(StringMap.Empty)),
            (2, Gen.Elements(Zones).Select(z => StringMap.Of("zone", z))),
            (1, Gen.Elements(Pools).Select(p => StringMap.Of("pool", p))));

    public static Gen<RolloutDaemonSet> DaemonSetGen(string name, Gen<RolloutBudget> budgets, bool selective, Gen<int> historyLimits, string[] imagePool) =>
        from selector in NodeSelectorGen(selective)
        from budget in budgets
        from minReady in Gen.Elements(0, 0, 3, 10)
        from limit in historyLimits
        from image in Gen.Elements(imagePool)
        from cpu in Gen.Elements<string?>(null, "100m")
        select new RolloutDaemonSet(name, selector, budget, minReady, limit, image, cpu);

    public static Gen<RolloutScenario> ScenarioGen(
        Gen<RolloutBudget> budgets, bool allowBadImages, bool deletions, bool labels, string[] imagePool, Gen<int>? historyLimits = null, int maxOps = 9)
    {
        var image = allowBadImages ? Gen.Frequency((5, Gen.Elements(imagePool)), (1, Gen.Constant(BadImage))) : Gen.Elements(imagePool);
        var index = Gen.Choose(0, 100_000);
        var ops = new List<(int, Gen<RolloutOp>)>
        {
            (6, from ds in index from img in image select (RolloutOp)new ChangeImage(ds, img)),
            (4, Gen.Elements(1, 3, 10, 30, 90).Select(s => (RolloutOp)new Wait(s))),
            (2, Gen.Constant((RolloutOp)new WaitForRollout())),
        };
        if (deletions)
        {
            ops.Add((5, from i in index from grace in Gen.Elements<long?>(null, 0, 2) select (RolloutOp)new DeleteRolloutPod(i, grace)));
        }

        if (labels)
        {
            ops.Add((3, from i in index
                        from zone in Gen.Frequency((3, Gen.Elements(Zones).Select(z => (string?)z)), (1, Gen.Constant<string?>(null)))
                        select (RolloutOp)new SetNodeLabel(i, "zone", zone)));
        }

        return from seed in Gen.Choose(1, int.MaxValue)
               from nodeCount in Gen.Choose(500, 540)
               from nodes in Gen.CollectToArray(Enumerable.Range(1, nodeCount), NodeGen)
               from dsCount in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
               from daemonSets in Gen.CollectToArray(Enumerable.Range(0, dsCount),
                   i => DaemonSetGen("ds-" + (char)('a' + i), budgets, labels, historyLimits ?? Gen.Elements(10), imagePool))
               from kubelet in KubeletGen()
               from opCount in Gen.Choose(2, maxOps)
               from generated in Gen.ArrayOf(Gen.Frequency(ops.ToArray()), opCount)
               let withChange = generated.Any(o => o is ChangeImage) ? generated : [new ChangeImage(0, GoodImages[^1]), .. generated]
               select new RolloutScenario((ulong)seed, nodes.ToEquatableArray(), daemonSets.ToEquatableArray(), kubelet, withChange.ToEquatableArray());
    }

    // ----- shrinking: whole ops and DaemonSets first, then half the nodes, then simpler timing and DaemonSets -----

    public static IEnumerable<RolloutScenario> ShrinkScenario(RolloutScenario s)
    {
        var ops = s.Ops.Items;
        if (ops.Length > 1)
        {
            foreach (var shrunk in Arbitraries.HalvesThenEachRemoved(ops))
            {
                yield return s with { Ops = shrunk };
            }
        }

        var dss = s.DaemonSets.Items;
        foreach (var shrunk in Arbitraries.EachRemovedKeepingOne(dss))
        {
            yield return s with { DaemonSets = shrunk };
        }

        var nodes = s.Nodes.Items;
        if (nodes.Length > 1)
        {
            yield return s with { Nodes = nodes[..(nodes.Length / 2)] };
            yield return s with { Nodes = nodes[(nodes.Length / 2)..] };
            if (nodes.Length <= 8)
            {
                for (var i = 0; i < nodes.Length; i++)
                {
                    yield return s with { Nodes = nodes.RemoveAt(i) };
                }
            }
        }

        if (s.Kubelet != RolloutKubelet.Instant)
        {
            yield return s with { Kubelet = RolloutKubelet.Instant };
            if (s.Kubelet.ReadyDelayMs != 0)
            {
                yield return s with { Kubelet = s.Kubelet with { ReadyDelayMs = 0 } };
            }

            if (s.Kubelet.StartMaxMs != s.Kubelet.StartMinMs)
            {
                yield return s with { Kubelet = s.Kubelet with { StartMaxMs = s.Kubelet.StartMinMs } };
            }

            if (s.Kubelet.TerminationMs != 0)
            {
                yield return s with { Kubelet = s.Kubelet with { TerminationMs = 0 } };
            }
        }

        for (var i = 0; i < dss.Length; i++)
        {
            var d = dss[i];
            if (d.MinReadySeconds != 0)
            {
                yield return s with { DaemonSets = dss.SetItem(i, d with { MinReadySeconds = 0 }) };
            }

            if (!d.NodeSelector.IsEmpty)
            {
                yield return s with { DaemonSets = dss.SetItem(i, d with { NodeSelector = StringMap.Empty }) };
            }

            if (d.Cpu is not null)
            {
                yield return s with { DaemonSets = dss.SetItem(i, d with { Cpu = null }) };
            }
        }

        for (var i = 0; i < ops.Length; i++)
        {
            RolloutOp? simpler = ops[i] switch
            {
                Wait { Seconds: > 1 } w => w with { Seconds = w.Seconds / 2 },
                DeleteRolloutPod { Index: > 0 } d => d with { Index = 0 },
                SetNodeLabel { Index: > 0 } l => l with { Index = 0 },
                _ => null,
            };
            if (simpler is not null)
            {
                yield return s with { Ops = ops.SetItem(i, simpler) };
            }
        }
    }
}
