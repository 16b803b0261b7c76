using BenchmarkDotNet.Attributes;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Testing;

namespace Simulator.Benchmarks;

/// <summary>
/// What a user's placement test costs: the README's test (the seed guide's fluentd on <see cref="Nodes"/> workers, one worker
/// tainted, "runs on every node but the tainted one"), written with Simulator.Testing's builders and assertions, against the
/// same check written on the bare <see cref="Simulation"/> API as the baseline (the same node and DaemonSet objects, created,
/// settled and counted by hand). The difference is the testing layer's cost (settling after each change, the assertion's
/// per-node check); both include building and settling the cluster, as every test does.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
public class UserTestBenchmarks
{
    [Params(5, 500)]
    public int Nodes { get; set; }

    [Benchmark(Baseline = true, Description = "bare Simulation API")]
    public int Bare()
    {
        var sim = new Simulation();
        for (var i = 1; i <= Nodes; i++)
        {
            sim.CreateNode(NodeBuilder.Named($"k8s-worker-{i}").Build());
        }

        sim.CreateNamespace("logging");
        var ds = sim.CreateDaemonSet(Presets.Fluentd.Build());
        sim.RunUntilSettled();
        sim.TaintNode("k8s-worker-2", Taint.Parse("app=fluentd-logging:NoExecute"));
        sim.RunUntilSettled();
        var running = sim.State.PodsControlledBy(ds.Metadata.Uid).Count(p => p.Status.Phase == PodPhase.Running && !p.IsTerminating);
        return running == Nodes - 1 ? running : throw new InvalidOperationException($"{running} pods run");
    }

    [Benchmark(Description = "Simulator.Testing")]
    public int Fluent()
    {
        var cluster = Cluster.With(Nodes).Workers().Run(Presets.Fluentd);
        cluster.Taint("k8s-worker-2", "app=fluentd-logging:NoExecute");
        cluster.ShouldRunOnEveryNodeExcept("logging/fluentd", "k8s-worker-2");
        return cluster.State.Pods.Count;
    }
}
