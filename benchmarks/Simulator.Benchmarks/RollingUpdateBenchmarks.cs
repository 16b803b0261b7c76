using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B4: a RollingUpdate of one DaemonSet on every node of a settled cluster of <see cref="Nodes"/> nodes (minReadySeconds 10), with
/// maxUnavailable 1 or, when <see cref="Surge"/>, maxSurge 1, simulated until every node runs the new template
/// (<see cref="RollingUpdate"/>). The baseline is the same rollout on upstream Kubernetes' plain algorithm, a full resync of every
/// DaemonSet over every node per event. A rollout consumes its cluster, so each iteration builds a fresh one in
/// <c>[IterationSetup]</c> (not measured) and runs it once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RollingUpdateBenchmarks
{
    private RollingUpdate _workload = null!;

    [Params(100, 500)]
    public int Nodes { get; set; }

    [Params(false, true)]
    public bool Surge { get; set; }

    [IterationSetup(Target = nameof(Naive))]
    public void SetupNaive() => Build(naive: true);

    [IterationSetup(Target = nameof(Fast))]
    public void SetupFast() => Build(naive: false);

    [Benchmark(Baseline = true, Description = "naive: full resync per event (upstream)")]
    public int Naive() => _workload.Run();

    [Benchmark(Description = "fast")]
    public int Fast() => _workload.Run();

    private void Build(bool naive)
    {
        _workload = new RollingUpdate(Nodes, Surge, naive);
        _workload.Setup();
    }
}
