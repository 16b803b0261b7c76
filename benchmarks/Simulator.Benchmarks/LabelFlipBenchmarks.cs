using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B3: label and taint flips on 1% of the nodes (<see cref="Nodes"/> / 100) of a settled cluster of <see cref="Nodes"/> nodes × 20
/// DaemonSets, then simulated until settled (<see cref="NodeEvents.Flip"/>). The baseline is upstream Kubernetes' plain algorithm
/// for the same number of node events: a full sync of every DaemonSet over every node per event
/// (<see cref="NodeEvents.NaiveFullSyncs"/>, reconcile passes only, nothing applied). <c>[GlobalSetup]</c> builds the settled
/// cluster once.
/// </summary>
/// <remarks>
/// The naive reference is slow (about a minute per operation at 5,000 nodes: 50 full syncs of 100,000 pairs), so the job is a
/// fixed one warm-up and five measured operations. Each flip moves on to other nodes and toggles their label or taint, so the few
/// operations of a run change at most a few percent of the cluster.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LabelFlipBenchmarks
{
    private NodeEvents _workload = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    private int Touched => Math.Max(2, Nodes / 100);

    [GlobalSetup]
    public void Setup()
    {
        _workload = new NodeEvents(Nodes, 20);
        _workload.Setup();
    }

    [Benchmark(Baseline = true, Description = "naive: a full sync per flipped node (upstream)")]
    public long NaiveFullSyncs() => _workload.NaiveFullSyncs(Touched);

    [Benchmark(Description = "flip 1% of the nodes")]
    public int Flip() => _workload.Flip(Touched);
}
