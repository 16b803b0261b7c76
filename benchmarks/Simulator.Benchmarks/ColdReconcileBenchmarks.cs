using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B1 and B6: a cold reconcile, <see cref="DaemonSets"/> DaemonSets applied to <see cref="Nodes"/> bare nodes and simulated until
/// every daemon pod runs (<see cref="ColdReconcile"/>). The baseline is the same workload on upstream Kubernetes' plain algorithm,
/// a full resync of every DaemonSet over every node per event. A cold reconcile consumes its cluster, so each iteration builds a
/// fresh one in <c>[IterationSetup]</c> (not measured) and runs it once.
/// </summary>
/// <remarks>
/// B6's question, near-linear growth with the cluster, is read here from 500 to 5,000 nodes; the report's B6 runs 50,000 nodes ×
/// 10 DaemonSets once, which is too long for repeated iterations.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ColdReconcileBenchmarks
{
    private ColdReconcile _workload = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [Params(20)]
    public int DaemonSets { get; set; }

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
        _workload = new ColdReconcile(Nodes, DaemonSets, naive);
        _workload.Setup();
    }
}
