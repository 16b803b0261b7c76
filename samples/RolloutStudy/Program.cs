// How long does a fluentd image update take on 500 nodes, and how many nodes lose their log agent meanwhile?
// The seed guide's fluentd DaemonSet is settled once on 500 workers; that cluster is taken as a snapshot, and the same image
// update (v2.5.2 -> v2.6.0) is replayed from it three times, once per RollingUpdate budget:
//   maxUnavailable 1, maxUnavailable 10%, and maxSurge 1 with maxUnavailable 0.
// Pods start as they would on real nodes: 4-12 s to pull the image and start the container, 5 s more until the readiness probe
// passes, minReadySeconds 10 before a pod counts as available, and 3 s for an old pod to exit after SIGTERM.
// Usage: dotnet run -c Release --project samples/RolloutStudy [-- --workers N --seed S --plot DIR]
// Exit status: 0 when every rollout completed, 1 when one did not, 2 on bad usage.
using System.Globalization;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Plotting;

const string Namespace = "logging";
const string Name = "fluentd";
const string NewImage = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0";

int workers;
ulong seed;
string? plotDirectory;
try
{
    workers = int.Parse(Option("--workers") ?? "500", CultureInfo.InvariantCulture);
    seed = ulong.Parse(Option("--seed") ?? "1", CultureInfo.InvariantCulture);
    plotDirectory = Option("--plot");
    if (workers < 1)
    {
        throw new FormatException("--workers must be at least 1");
    }
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("usage: RolloutStudy [--workers N] [--seed S] [--plot DIR]");
    return 2;
}

var kubelet = new KubeletOptions
{
    StartLatencyMin = TimeSpan.FromSeconds(4),   // image pull and container start, drawn per pod from the seeded generator
    StartLatencyMax = TimeSpan.FromSeconds(12),
    ReadyDelay = TimeSpan.FromSeconds(5),        // readiness probe: initialDelaySeconds 5
    TerminationDuration = TimeSpan.FromSeconds(3), // fluentd flushes and exits well within its 30 s grace period
    RecordEvents = false,
};

// 1. The starting point: fluentd settled on every worker.
var setup = new Simulation(new SimulationOptions { Seed = seed, Kubelet = kubelet });
for (var i = 1; i <= workers; i++)
{
    setup.CreateNode(new Node
    {
        Metadata = ObjectMeta.Named($"k8s-worker-{i}"),
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110") },
    });
}

setup.CreateNamespace(Namespace);
setup.CreateDaemonSet(Fluentd());
var settled = setup.RunUntilSettled();
var start = setup.State.GetDaemonSet(Namespace, Name)!.Status;
Console.WriteLine($"fluentd on {workers} workers: {start.NumberAvailable}/{start.DesiredNumberScheduled} available, settled at {settled.Time} after {settled.Steps} steps");
var snapshot = ClusterSnapshot.Of(setup.State);
Console.WriteLine($"snapshot: {snapshot.Count} objects; image update to {NewImage}, minReadySeconds 10");
Console.WriteLine();

// 2. The same update from the same snapshot, once per strategy.
var strategies = new (string Label, string File, RollingUpdateDaemonSet Budget)[]
{
    ("maxUnavailable 1", "max-unavailable-1", new RollingUpdateDaemonSet { MaxUnavailable = 1, MaxSurge = 0 }),
    ("maxUnavailable 10%", "max-unavailable-10pct", new RollingUpdateDaemonSet { MaxUnavailable = "10%", MaxSurge = 0 }),
    ("maxSurge 1, maxUnavailable 0", "max-surge-1", new RollingUpdateDaemonSet { MaxUnavailable = 0, MaxSurge = 1 }),
};

Console.WriteLine($"{"strategy",-30} {"duration",10} {"worst unavailable",17} {"peak pods",9} {"steps",7}");
var failed = false;
foreach (var (label, file, budget) in strategies)
{
    var result = RunUpdate(budget);
    var duration = result.Rollout.Duration is { } d ? Format(d) : "incomplete";
    Console.WriteLine($"{label,-30} {duration,10} {result.Rollout.MaxUnavailable,17} {result.PeakPods,9} {result.Steps,7}");
    failed |= result.Rollout.Completed is null || !result.Settled;
    if (plotDirectory is not null)
    {
        Directory.CreateDirectory(plotDirectory);
        RolloutPlot.Save(result.Timeline, Path.Combine(plotDirectory, $"rollout-{file}.png"));
    }
}

if (plotDirectory is not null)
{
    Console.WriteLine();
    Console.WriteLine($"timelines written to {plotDirectory}/rollout-*.png");
}

if (failed)
{
    Console.Error.WriteLine("error: a rollout did not complete");
}

return failed ? 1 : 0;

// Restores the snapshot into a fresh simulation, changes the strategy and the image in one update, and steps the clock until
// the cluster is quiet, counting the DaemonSet's pods (terminating ones included) whenever pods come or go.
UpdateResult RunUpdate(RollingUpdateDaemonSet budget)
{
    var sim = new Simulation(new SimulationOptions { Seed = seed, Kubelet = kubelet, Start = settled.Time });
    sim.Restore(snapshot);
    sim.RunUntilSettled();
    var origin = sim.Now;
    var uid = sim.State.GetDaemonSet(Namespace, Name)!.Metadata.Uid;
    sim.UpdateDaemonSet(Namespace, Name, ds => ds with
    {
        Spec = ds.Spec with
        {
            UpdateStrategy = new DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = budget },
            Template = ds.Spec.Template with
            {
                Spec = ds.Spec.Template.Spec with
                {
                    Containers = ds.Spec.Template.Spec.Containers.Select(c => c with { Image = NewImage }).ToEquatableArray(),
                },
            },
        },
    });

    var deadline = origin + TimeSpan.FromHours(24);
    long steps = 0;
    var peak = sim.State.PodsControlledBy(uid).Count();
    var podsSeen = sim.State.Pods.Count;
    while (sim.PendingEvents > 0 && sim.Now <= deadline && sim.Step())
    {
        steps++;
        if (sim.State.Pods.Count != podsSeen)
        {
            podsSeen = sim.State.Pods.Count;
            peak = Math.Max(peak, sim.State.PodsControlledBy(uid).Count());
        }
    }

    var rollout = sim.GetRollouts(Namespace, Name).Rollouts[^1];
    return new UpdateResult(rollout, peak, steps, sim.PendingEvents == 0, RolloutTimeline.From(sim, Namespace, Name, origin));
}

static DaemonSet Fluentd() => new()
{
    Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = StringMap.Of("app", "fluentd-logging") },
    Spec = new DaemonSetSpec
    {
        Selector = LabelSelector.ForLabels("name", "fluentd"),
        MinReadySeconds = 10,
        Template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd") },
            Spec = new PodSpec
            {
                TerminationGracePeriodSeconds = 30,
                Containers = EquatableArray.Create(new Container
                {
                    Name = "fluentd-elasticsearch",
                    Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                    Resources = new ResourceRequirements
                    {
                        Limits = ResourceList.Of("memory", "200Mi"),
                        Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi"),
                    },
                    VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "/var/log")),
                }),
                Volumes = EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }),
            },
        },
    },
};

static string Format(TimeSpan span) =>
    span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m{span.Seconds:00}s"
    : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s"
    : $"{span.TotalSeconds:0.###}s";

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    if (index < 0)
    {
        return null;
    }

    return index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{name} needs a value");
}

internal sealed record UpdateResult(Rollout Rollout, int PeakPods, long Steps, bool Settled, RolloutTimeline Timeline);
