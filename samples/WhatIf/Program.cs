// What if? Three changes tried on a copy of one cluster, each answered as a diff of where the daemon pods run.
//
// The starting cluster: 3 control-plane nodes and 40 workers in five pools (general, batch -- nearly full of ordinary pods --,
// gpu, infra, windows), with three DaemonSets: the seed guide's fluentd, a node-exporter that tolerates every taint and an NVIDIA
// device plugin limited to the gpu pool. The settled cluster is saved as a ClusterSnapshot; every change starts from a fresh
// Simulation restored from it, is settled, and the DaemonSets' pods are compared node by node, before and after:
//   + a node gains a pod, - a node loses its pod, ! a node's pod is Pending, ~ a node's pod was replaced by one of a new template.
// Reasons come from Simulation.ExplainPlacement (the rule that fails); the program checks its own findings and exits 1 if the
// cluster does not settle or an invariant fails.
// Usage: dotnet run -c Release --project samples/WhatIf
using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

const ulong Seed = 1;
var settleCap = TimeSpan.FromHours(2);
var failures = new List<string>();

var origin = new Simulation(new SimulationOptions { Seed = Seed });
BuildCluster(origin);
var initial = origin.RunUntilSettled(settleCap);
if (!initial.Settled)
{
    return Fail($"the starting cluster did not settle within {settleCap} (at {initial.Time}, {initial.Steps} steps)");
}

// Restored simulations start their clock on a whole second; move there first so no object carries a time after the restore.
var wholeSecond = origin.Now.TruncateToSeconds();
origin.RunUntil(wholeSecond == origin.Now ? wholeSecond : wholeSecond + TimeSpan.FromSeconds(1));
var snapshot = ClusterSnapshot.Of(origin.State);
var baseline = Placement.Of(origin.State);
PrintCluster(origin, initial);

var changes = new WhatIfChange[]
{
    new("kubectl taint nodes -l pool=infra dedicated=infra:NoExecute", sim =>
    {
        foreach (var node in sim.State.NodesWithLabel("pool", "infra").Order(NaturalStringComparer.Instance).ToList())
        {
            sim.TaintNode(node, new Taint("dedicated", "infra", TaintEffect.NoExecute));
        }
    }),
    new("kubectl patch ds/node-exporter -n monitoring -p '{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"}}}}}'", sim =>
        sim.UpdateDaemonSet("monitoring", "node-exporter", ds => ds with
        {
            Spec = ds.Spec with
            {
                Template = ds.Spec.Template with { Spec = ds.Spec.Template.Spec with { NodeSelector = StringMap.Of("kubernetes.io/os", "linux") } },
            },
        })),
    new("kubectl set resources ds/fluentd -n logging -c fluentd-elasticsearch --requests=cpu=500m,memory=400Mi --limits=memory=400Mi", sim =>
        sim.UpdateDaemonSet("logging", "fluentd", ds => ds with
        {
            Spec = ds.Spec with
            {
                Template = ds.Spec.Template with
                {
                    Spec = ds.Spec.Template.Spec with
                    {
                        Containers = ds.Spec.Template.Spec.Containers
                            .Select(c => c.Name != "fluentd-elasticsearch" ? c : c with
                            {
                                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "500m", "memory", "400Mi"), Limits = ResourceList.Of("memory", "400Mi") },
                            })
                            .ToEquatableArray(),
                    },
                },
            },
        })),
};

for (var i = 0; i < changes.Length; i++)
{
    var change = changes[i];
    var sim = new Simulation(new SimulationOptions { Seed = Seed, Start = origin.Now });
    sim.Restore(snapshot);
    var restored = sim.RunUntilSettled(settleCap);
    var before = Placement.Of(sim.State);
    if (!restored.Settled || !before.SameAs(baseline))
    {
        failures.Add($"change {i + 1}: the cluster restored from the snapshot is not the cluster the snapshot was taken from");
    }

    var start = sim.Now;
    var nodesBefore = sim.State.Nodes;
    change.Apply(sim);
    var result = sim.RunUntilSettled(settleCap);
    Console.WriteLine($"change {i + 1}: {change.Command}");
    if (!result.Settled)
    {
        return Fail($"change {i + 1} did not settle within {settleCap} of simulated time (at {result.Time}, {result.Steps} steps)");
    }

    var after = Placement.Of(sim.State);
    var totals = PrintDiff(sim, before, after, nodesBefore, failures, i + 1);
    Console.WriteLine($"  summary: {totals}; settled after {Duration(result.Time - start)} of simulated time ({result.Steps} steps)");
    Console.WriteLine();
}

if (failures.Count != 0)
{
    foreach (var failure in failures)
    {
        Console.Error.WriteLine("invariant failed: " + failure);
    }

    return 1;
}

return 0;

static int Fail(string message)
{
    Console.Error.WriteLine("error: " + message);
    return 1;
}

// ----- the starting cluster -----

static void BuildCluster(Simulation sim)
{
    // Pools: node names are k8s-POOL-N; labels pool=POOL (windows for win), kubernetes.io/os, extra labels and taints as given.
    var pools = new (string Pool, int Count, string Cpu, string Memory, string[] Labels, Taint[] Taints)[]
    {
        ("control-plane", 3, "4", "16Gi", ["node-role.kubernetes.io/control-plane", ""], [new Taint("node-role.kubernetes.io/control-plane", "", TaintEffect.NoSchedule)]),
        ("general", 23, "8", "32Gi", [], []),
        ("batch", 8, "4", "16Gi", [], []),
        ("gpu", 4, "16", "64Gi", ["nvidia.com/gpu.present", "true"], [new Taint("nvidia.com/gpu", "present", TaintEffect.NoSchedule)]),
        ("infra", 3, "8", "32Gi", [], []),
        ("win", 2, "8", "32Gi", [], [new Taint("os", "windows", TaintEffect.NoSchedule)]),
    };
    foreach (var (pool, count, cpu, memory, labels, taints) in pools)
    {
        for (var n = 1; n <= count; n++)
        {
            var os = pool == "win" ? "windows" : "linux";
            var nodeLabels = StringMap.Of(labels).With("kubernetes.io/os", os).With("kubernetes.io/arch", "amd64");
            nodeLabels = pool == "control-plane" ? nodeLabels : nodeLabels.With("pool", pool == "win" ? "windows" : pool);
            var capacity = pool == "gpu"
                ? ResourceList.Of("cpu", cpu, "memory", memory, "pods", "110", "nvidia.com/gpu", "4")
                : ResourceList.Of("cpu", cpu, "memory", memory, "pods", "110");
            sim.CreateNode(new Node
            {
                Metadata = new ObjectMeta { Name = $"k8s-{pool}-{n}", Labels = nodeLabels },
                Spec = new NodeSpec { Taints = taints.ToEquatableArray() },
                Status = new NodeStatus { Capacity = capacity },
            });
        }
    }

    sim.CreateNamespace("logging");
    sim.CreateNamespace("monitoring");
    sim.CreateNamespace("batch");

    // The seed guide's daemonset.yaml, as samples/QuickStart builds it.
    sim.CreateDaemonSet(DaemonSetOf("logging", "fluentd", "fluentd-elasticsearch", "quay.io/fluentd_elasticsearch/fluentd:v2.5.2", ResourceList.Of("cpu", "100m", "memory", "200Mi"), spec => spec with
    {
        TerminationGracePeriodSeconds = 30,
        Containers = spec.Containers.Select(c => c with
        {
            Resources = c.Resources with { Limits = ResourceList.Of("memory", "200Mi") },
            VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "/var/log")),
        }).ToEquatableArray(),
        Volumes = EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }),
    }) with
    { Metadata = new ObjectMeta { Name = "fluentd", Namespace = "logging", Labels = StringMap.Of("app", "fluentd-logging") } });

    // Runs everywhere, as the Prometheus node-exporter charts do: one toleration with operator Exists and no key.
    sim.CreateDaemonSet(DaemonSetOf("monitoring", "node-exporter", "node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", ResourceList.Of("cpu", "100m", "memory", "128Mi"), spec => spec with
    {
        HostNetwork = true,
        HostPid = true,
        Tolerations = EquatableArray.Create(new Toleration(Operator: TolerationOperator.Exists)),
    }));

    sim.CreateDaemonSet(DaemonSetOf("kube-system", "nvidia-device-plugin", "nvidia-device-plugin-ctr", "nvcr.io/nvidia/k8s-device-plugin:v0.16.2", ResourceList.Empty, spec => spec with
    {
        NodeSelector = StringMap.Of("pool", "gpu"),
        PriorityClassName = "system-node-critical",
        Tolerations = EquatableArray.Create(new Toleration("nvidia.com/gpu", TolerationOperator.Exists, Effect: TaintEffect.NoSchedule)),
    }));

    // Batch jobs fill the batch pool: three 1200m pods per 4-CPU node leave 200m beside the two daemon pods.
    sim.CreatePods("batch", "etl-worker-", 24, new PodTemplateSpec
    {
        Metadata = new ObjectMeta { Labels = StringMap.Of("app", "etl-worker") },
        Spec = new PodSpec
        {
            NodeSelector = StringMap.Of("pool", "batch"),
            Containers = EquatableArray.Create(new Container
            {
                Name = "etl",
                Image = "registry.example.com/etl-worker:3.1",
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "1200m", "memory", "4Gi") },
            }),
        },
    });
}

static DaemonSet DaemonSetOf(string ns, string name, string container, string image, ResourceList requests, Func<PodSpec, PodSpec> customize) => new()
{
    Metadata = new ObjectMeta { Name = name, Namespace = ns },
    Spec = new DaemonSetSpec
    {
        Selector = LabelSelector.ForLabels("name", name),
        Template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = StringMap.Of("name", name) },
            Spec = customize(new PodSpec
            {
                Containers = EquatableArray.Create(new Container
                {
                    Name = container,
                    Image = image,
                    Resources = new ResourceRequirements { Requests = requests },
                }),
            }),
        },
    },
};

static void PrintCluster(Simulation sim, SettleResult settled)
{
    var nodes = sim.State.Nodes.Values.ToList();
    Console.WriteLine($"starting cluster: {nodes.Count} nodes, {sim.State.Pods.Count} pods; settled at {settled.Time} after {settled.Steps} steps");
    Console.WriteLine($"  {"POOL",-14} {"NODES",5} {"CPU",4} {"MEMORY",6} {"CPU REQUESTED",14}  TAINTS");
    foreach (var pool in nodes.GroupBy(n => n.Labels.GetValueOrDefault("pool") ?? "control-plane").OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var first = pool.First();
        var requested = pool.Sum(n => sim.State.UsageOf(n.Name).Requested.MilliCpu);
        var allocatable = pool.Sum(n => ResourceAmounts.From(n.Status.Allocatable).MilliCpu);
        var taints = first.Spec.Taints.IsEmpty ? "<none>" : string.Join(", ", first.Spec.Taints.Select(t => t.ToString()));
        Console.WriteLine($"  {pool.Key,-14} {pool.Count(),5} {first.Status.Capacity["cpu"],4} {first.Status.Capacity["memory"],6} {Percent(requested, allocatable),14}  {taints}");
    }

    Console.WriteLine($"  {"DAEMONSET",-34} {"DESIRED",7} {"READY",5}  NODE SELECTOR");
    foreach (var ds in sim.State.DaemonSets.Values)
    {
        var selector = ds.Spec.Template.Spec.NodeSelector.IsEmpty ? "<none>" : ds.Spec.Template.Spec.NodeSelector.ToString();
        Console.WriteLine($"  {ds.Key,-34} {ds.Status.DesiredNumberScheduled,7} {ds.Status.NumberReady,5}  {selector}");
    }

    Console.WriteLine();
}

static string Percent(long part, long whole) => whole == 0 ? "-" : $"{part * 100 / whole}%";

// ----- the diff -----

static string PrintDiff(Simulation sim, Placement before, Placement after, IReadOnlyDictionary<string, Node> nodesBefore, List<string> failures, int number)
{
    var state = sim.State;
    var touched = state.Nodes.Values.Where(n => nodesBefore.TryGetValue(n.Name, out var old) && (old.Labels != n.Labels || old.Spec != n.Spec)).ToList();
    var totals = new List<string>();
    foreach (var key in before.DaemonSets.Union(after.DaemonSets).Order(StringComparer.Ordinal))
    {
        var (ns, name) = SplitKey(key);
        if (!state.DaemonSets.ContainsKey(key))
        {
            Console.WriteLine($"  {key}: deleted, -{Nodes(before.Of(key).Count)}");
            totals.Add($"{name}: deleted");
            continue;
        }

        var old = before.Of(key);
        var now = after.Of(key);
        var gained = now.Where(p => !old.ContainsKey(p.Key) && p.Value.State == "Running").Select(p => p.Key).Order(NaturalStringComparer.Instance).ToList();
        var lost = old.Keys.Where(n => !now.ContainsKey(n)).Order(NaturalStringComparer.Instance).ToList();
        var pending = now.Where(p => p.Value.State != "Running" && old.GetValueOrDefault(p.Key)?.State != p.Value.State).Select(p => p.Key).Order(NaturalStringComparer.Instance).ToList();
        var replaced = now.Where(p => p.Value.State == "Running" && old.TryGetValue(p.Key, out var o) && o.Uid != p.Value.Uid).Select(p => p.Key).Order(NaturalStringComparer.Instance).ToList();
        var explain = (string node) => sim.ExplainPlacement(ns, name, node);

        var counts = new List<string>();
        if (gained.Count != 0) { counts.Add($"+{Nodes(gained.Count)}"); }
        if (lost.Count != 0) { counts.Add($"-{Nodes(lost.Count)}"); }
        if (pending.Count != 0) { counts.Add($"!{pending.Count} Pending"); }
        if (replaced.Count != 0) { counts.Add($"~{replaced.Count} replaced"); }
        var running = $"{old.Values.Count(p => p.State == "Running")} -> {now.Values.Count(p => p.State == "Running")} running";

        if (counts.Count == 0)
        {
            // Say why the nodes the change touched kept their pods: the rule that lets them stay.
            var kept = touched.Where(n => now.ContainsKey(n.Name)).Select(n => n.Name).Order(NaturalStringComparer.Instance).ToList();
            var why = kept.Count == 0 ? "" : " (" + Grouped(kept, node => KeptBecause(explain(node), nodesBefore[node], state.Nodes[node], sim.State.DaemonSets[key])) + ")";
            Console.WriteLine($"  {key}: unchanged, {running}{why}");
            CheckInvariants(sim, key, number, gained, lost, pending, now, failures);
            totals.Add($"{name}: unchanged");
            continue;
        }

        Console.WriteLine($"  {key}: {string.Join(", ", counts)}; {running}");
        if (gained.Count != 0)
        {
            Console.WriteLine($"    + {Grouped(gained, _ => "every rule passes")}");
        }

        if (lost.Count != 0)
        {
            Console.WriteLine($"    - {Grouped(lost, node => LostBecause(explain(node)))}");
        }

        var problems = pending.Count == 0 ? [] : sim.DiagnoseDaemonSet(ns, name).ToDictionary(p => p.NodeName, StringComparer.Ordinal);
        foreach (var node in pending)
        {
            Console.WriteLine($"    ! {node}: {PendingBecause(sim, key, now[node], explain(node))}");
            if (problems.TryGetValue(node, out var problem))
            {
                Console.WriteLine($"      {problem.Reason}: {problem.Message}");
            }
        }

        if (replaced.Count != 0)
        {
            Console.WriteLine($"    ~ {Grouped(replaced, _ => "old pod deleted, new template's pod Running")}");
        }

        // Stalled rollouts: nodes still running the old template where the new pod would not fit either.
        var ds = state.DaemonSets[key];
        var current = state.RevisionsControlledBy(ds.Metadata.Uid).MaxBy(r => r.Revision)?.Hash;
        var waiting = now.Where(p => p.Value.State == "Running" && current is not null && p.Value.Hash != current)
            .Select(p => p.Key).Order(NaturalStringComparer.Instance).ToList();
        if (waiting.Count != 0)
        {
            var noFit = waiting.Where(n => !explain(n).Fits).ToList();
            counts.Add("rollout stalled");
            Console.WriteLine($"    rollout stalled (maxUnavailable {ds.Spec.UpdateStrategy.RollingUpdate?.MaxUnavailable}): {Nodes(waiting.Count)} still run the old template" +
                (noFit.Count == 0 ? "" : $"; the new pod would not fit on {noFit.Count} of them either: {Grouped(noFit, n => PendingBecause(sim, key, null, explain(n)))}"));
        }

        CheckInvariants(sim, key, number, gained, lost, pending, now, failures);
        totals.Add($"{name}: {string.Join(", ", counts)}");
    }

    return string.Join("; ", totals);
}

static void CheckInvariants(Simulation sim, string key, int number, List<string> gained, List<string> lost, List<string> pending, IReadOnlyDictionary<string, PodView> now, List<string> failures)
{
    var (ns, name) = SplitKey(key);
    var ds = sim.State.DaemonSets[key];
    foreach (var node in lost)
    {
        if (sim.State.PodsControlledByOnNode(ds.Metadata.Uid, node).Any())
        {
            failures.Add($"change {number}: {key} lost {node}, but a pod of it is still there");
        }

        if (sim.ExplainPlacement(ns, name, node).ShouldRun)
        {
            failures.Add($"change {number}: {key} lost {node}, yet the controller says it should run there");
        }
    }

    foreach (var node in gained.Where(n => !pending.Contains(n)))
    {
        if (!sim.State.PodsControlledByOnNode(ds.Metadata.Uid, node).Any(p => p.Status.Phase == PodPhase.Running))
        {
            failures.Add($"change {number}: {key} gained {node}, but no pod of it runs there");
        }
    }

    foreach (var node in pending)
    {
        var explanation = sim.ExplainPlacement(ns, name, node);
        if (!explanation.ShouldRun || explanation.Fits)
        {
            failures.Add($"change {number}: {key} has a Pending pod on {node}, but the node {(explanation.ShouldRun ? "has room for it" : "should not run it")}");
        }
    }

    var running = now.Values.Count(p => p.State == "Running");
    var s = ds.Status;
    if (s.DesiredNumberScheduled != now.Count || s.CurrentNumberScheduled != now.Count || s.NumberReady != running || s.NumberMisscheduled != 0)
    {
        failures.Add($"change {number}: {key} status says {s.DesiredNumberScheduled} desired, {s.CurrentNumberScheduled} scheduled, {s.NumberReady} ready, " +
            $"{s.NumberMisscheduled} misscheduled; the pods say {now.Count} nodes, {running} running");
    }

    foreach (var node in now.Keys.Where(n => !sim.ExplainPlacement(ns, name, n).ShouldRun))
    {
        failures.Add($"change {number}: {key} has a pod on {node}, but the controller says it should not run there");
    }

    var problems = sim.DiagnoseDaemonSet(ns, name).Select(p => p.NodeName).Order(NaturalStringComparer.Instance).ToList();
    var notRunning = now.Where(p => p.Value.State != "Running").Select(p => p.Key).Order(NaturalStringComparer.Instance).ToList();
    if (!problems.SequenceEqual(notRunning))
    {
        failures.Add($"change {number}: {key} DiagnoseDaemonSet names [{string.Join(", ", problems)}], the pods not running are on [{string.Join(", ", notRunning)}]");
    }
}

// Why a node lost its pod: the controller's rules that fail (taint, nodeSelector, affinity, node name).
static string LostBecause(PlacementExplanation explanation)
{
    var failed = explanation.Rules.Where(r => !r.Passed && r.StopsNewPods).Select(r => r.Detail).ToList();
    return failed.Count != 0 ? string.Join("; ", failed) : explanation.Summary();
}

static string KeptBecause(PlacementExplanation explanation, Node oldNode, Node newNode, DaemonSet ds)
{
    var reasons = new List<string>();
    foreach (var taint in newNode.Spec.Taints.Where(t => !oldNode.Spec.Taints.Any(o => o.Matches(t) && o.Value == t.Value)))
    {
        var toleration = ds.Spec.Template.Spec.Tolerations.FirstOrDefault(t => t.Tolerates(taint));
        var rule = explanation.Rules.FirstOrDefault(r => r.Rule == "Taint" && r.Detail.StartsWith($"taint {taint} ", StringComparison.Ordinal));
        var by = toleration is null ? "" : toleration.Key.Length == 0 && toleration.Operator == TolerationOperator.Exists ? " (toleration operator Exists: every taint)" : $" (toleration {Describe(toleration)})";
        reasons.Add((rule?.Detail ?? $"taint {taint}") + by);
    }

    return reasons.Count != 0 ? string.Join("; ", reasons) : "every rule still passes";
}

static string Describe(Toleration t) =>
    $"{(t.Key.Length == 0 ? "*" : t.Key)} {(t.Operator.Length == 0 ? TolerationOperator.Equal : t.Operator)}{(t.Value.Length == 0 ? "" : " " + t.Value)}{(t.Effect.Length == 0 ? "" : " " + t.Effect)}";

// Why a daemon pod cannot start: the scheduler's rules that fail, with the numbers behind a resource shortfall.
static string PendingBecause(Simulation sim, string key, PodView? pod, PlacementExplanation explanation)
{
    var failed = explanation.Rules.Where(r => !r.Passed).ToList();
    var reasons = failed.Count == 0 ? explanation.Summary() : string.Join("; ", failed.Select(r => r.Detail));
    var node = sim.State.Nodes[explanation.NodeName];
    var ds = sim.State.DaemonSets[key];
    if (failed.Any(r => r.Rule == "NodeResourcesFit"))
    {
        var request = PodRequests.Compute(ds.Spec.Template.Spec);
        var used = sim.State.UsageOf(node.Name).Requested;
        foreach (var own in sim.State.PodsControlledByOnNode(ds.Metadata.Uid, node.Name).Where(NodeUsage.Counts))
        {
            used -= PodRequests.Compute(own.Spec);
        }

        var free = ResourceAmounts.From(node.Status.Allocatable) - used;
        reasons += $" (requests cpu {Quantity.FromMilli(request.MilliCpu)}, memory {Mi(request.Memory)}; free cpu {Quantity.FromMilli(free.MilliCpu)}, memory {Mi(free.Memory)})";
    }

    return pod is null ? reasons : $"{reasons}; pod {pod.Name}";
}

static string Mi(long bytes) => $"{bytes / (1024 * 1024)}Mi";

static string Grouped(List<string> nodes, Func<string, string> reason) =>
    string.Join("; ", nodes.GroupBy(reason).Select(g => $"{Ranges(g)}: {g.Key}"));

// k8s-general-1, k8s-general-2, k8s-general-3, k8s-gpu-1 -> k8s-general-1..3, k8s-gpu-1 (names in natural order).
static string Ranges(IEnumerable<string> names)
{
    var parts = new List<string>();
    string? stem = null;
    long first = 0, last = 0;
    void Flush()
    {
        if (stem is not null)
        {
            parts.Add(first == last ? $"{stem}{first}" : last == first + 1 ? $"{stem}{first}, {stem}{last}" : $"{stem}{first}..{last}");
        }
    }

    foreach (var name in names)
    {
        var (s, n) = NodeNumber.Split(name);
        if (n < 0)
        {
            Flush();
            stem = null;
            parts.Add(name);
        }
        else if (s == stem && n == last + 1)
        {
            last = n;
        }
        else
        {
            Flush();
            (stem, first, last) = (s, n, n);
        }
    }

    Flush();
    return string.Join(", ", parts);
}

static string Nodes(int count) => count == 1 ? "1 node" : $"{count} nodes";

static (string Namespace, string Name) SplitKey(string key)
{
    var slash = key.IndexOf('/', StringComparison.Ordinal);
    return (key[..slash], key[(slash + 1)..]);
}

static string Duration(TimeSpan span) => span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}.{span.Milliseconds / 100}s" : $"{span.TotalSeconds:0.0}s";

/// <summary>A change to try: the kubectl command it stands for, and the same change through the simulator's API.</summary>
internal sealed record WhatIfChange(string Command, Action<Simulation> Apply);

/// <summary>One daemon pod as the diff sees it.</summary>
internal sealed record PodView(string Name, string Uid, string State, string Hash);

/// <summary>Every DaemonSet's pods, by node: the cluster state the diff compares.</summary>
internal sealed class Placement
{
    private readonly SortedDictionary<string, SortedDictionary<string, PodView>> _byDaemonSet;

    private Placement(SortedDictionary<string, SortedDictionary<string, PodView>> byDaemonSet) => _byDaemonSet = byDaemonSet;

    public IEnumerable<string> DaemonSets => _byDaemonSet.Keys;

    public static Placement Of(ClusterState state)
    {
        var result = new SortedDictionary<string, SortedDictionary<string, PodView>>(StringComparer.Ordinal);
        foreach (var ds in state.DaemonSets.Values)
        {
            var pods = new SortedDictionary<string, PodView>(StringComparer.Ordinal);
            foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid).Where(p => !p.IsTerminal))
            {
                var node = PodPlacement.TargetNodeName(pod);
                if (node is null)
                {
                    continue;
                }

                var phase = pod.IsTerminating ? "Terminating" : !pod.IsBound ? "Pending" : pod.Status.Phase == PodPhase.Running && pod.IsReady ? "Running" : pod.Status.Phase;
                var view = new PodView(pod.Name, pod.Metadata.Uid, phase, pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) ?? "");

                // Two pods on a node (a rollout mid-way) would hide one; after settling there is one, and the newer one wins.
                pods[node] = pods.TryGetValue(node, out var other) && other.State == "Running" && phase != "Running" ? other : view;
            }

            result[ds.Key] = pods;
        }

        return new Placement(result);
    }

    public IReadOnlyDictionary<string, PodView> Of(string key) =>
        _byDaemonSet.TryGetValue(key, out var pods) ? pods : new SortedDictionary<string, PodView>(StringComparer.Ordinal);

    public bool SameAs(Placement other) =>
        _byDaemonSet.Keys.SequenceEqual(other._byDaemonSet.Keys) &&
        _byDaemonSet.All(kv => kv.Value.SequenceEqual(other._byDaemonSet[kv.Key]));
}

/// <summary>Splits a node name into its stem and trailing number (k8s-general-12 -> k8s-general-, 12), to print runs as ranges.</summary>
internal static class NodeNumber
{
    public static (string Stem, long Number) Split(string s)
    {
        var i = s.Length;
        while (i > 0 && char.IsAsciiDigit(s[i - 1]))
        {
            i--;
        }

        return i == s.Length || s.Length - i > 18 ? (s, -1) : (s[..i], long.Parse(s[i..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
