using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B2: node events on a settled cluster of <see cref="Nodes"/> nodes × 20 DaemonSets: one node added, one relabelled and one
/// tainted, each simulated until settled (<see cref="NodeEvents.AddRelabelTaint"/>, 3 events per operation). The baseline is what
/// upstream Kubernetes does for those 3 node events: a full sync of every DaemonSet over every node per event
/// (<see cref="NodeEvents.NaiveFullSyncs"/>, reconcile passes only, nothing applied).
/// </summary>
/// <remarks>
/// <c>[GlobalSetup]</c> builds the settled cluster once. Every operation of the measured benchmark adds a node, and a default
/// BenchmarkDotNet run would repeat it tens of thousands of times (a 500-node cluster grew past 25,000 nodes), so each iteration
/// is one operation and <c>[IterationCleanup]</c> (not measured) deletes the node it added and settles again: every operation
/// starts from <see cref="Nodes"/> nodes. Both benchmarks share the one job (one operation per iteration), or BenchmarkDotNet
/// would put them in different groups and print no ratio.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 30, invocationCount: 1)]
public class NodeEventBenchmarks
{
    private NodeEvents _workload = null!;
    private HashSet<string> _initialNodes = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new NodeEvents(Nodes, 20);
        _workload.Setup();
        _initialNodes = [.. _workload.Simulation.State.Nodes.Keys];
    }

    [IterationCleanup(Target = nameof(AddRelabelTaint))]
    public void RemoveAddedNodes()
    {
        var sim = _workload.Simulation;
        foreach (var name in sim.State.Nodes.Keys.Where(n => !_initialNodes.Contains(n)).ToList())
        {
            sim.DeleteNode(name);
        }

        if (!sim.RunUntilSettled().Settled)
        {
            throw new InvalidOperationException("The cluster did not settle after the added nodes were deleted.");
        }
    }

    [Benchmark(Baseline = true, Description = "naive: 3 full syncs (upstream)")]
    public long NaiveFullSyncs() => _workload.NaiveFullSyncs(3);

    [Benchmark(Description = "node added, relabelled, tainted")]
    public int AddRelabelTaint() => _workload.AddRelabelTaint();
}
