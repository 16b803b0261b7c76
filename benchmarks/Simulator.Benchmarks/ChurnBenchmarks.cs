using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B5: churn on a settled cluster of <see cref="Nodes"/> nodes × 20 DaemonSets, 20 seeded events per second (label and taint
/// flips, cordons, nodes added and deleted, daemon pods deleted) for <see cref="Seconds"/> virtual seconds, then settled
/// (<see cref="Churn"/>). The baseline is the same churn on upstream Kubernetes' plain algorithm, a full resync of every DaemonSet
/// over every node per event. A churn consumes its cluster, so each iteration builds a fresh one in <c>[IterationSetup]</c> (not
/// measured) and runs it once.
/// </summary>
/// <remarks>
/// The span is seconds, not the report's hour: the naive reference costs tens of milliseconds per event at 500 nodes and over a
/// second at 5,000, so 3 virtual seconds (60 events) keep a 5,000-node run to a few minutes. The report's B5 times the hour for
/// the fast engine and scales the naive reference from its first 1%.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ChurnBenchmarks
{
    private const int EventsPerSecond = 20;

    private Churn _workload = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [Params(3)]
    public int Seconds { get; set; }

    [IterationSetup(Target = nameof(Naive))]
    public void SetupNaive() => Build(naive: true);

    [IterationSetup(Target = nameof(Fast))]
    public void SetupFast() => Build(naive: false);

    [Benchmark(Baseline = true, Description = "naive: full resync per event (upstream)")]
    public int Naive() => _workload.Run(EventsPerSecond, TimeSpan.FromSeconds(Seconds));

    [Benchmark(Description = "fast")]
    public int Fast() => _workload.Run(EventsPerSecond, TimeSpan.FromSeconds(Seconds));

    private void Build(bool naive)
    {
        _workload = new Churn(Nodes, 20, naive);
        _workload.Setup();
    }
}
