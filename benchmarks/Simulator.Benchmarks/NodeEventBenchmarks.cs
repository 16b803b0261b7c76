using BenchmarkDotNet.Attributes;
using Simulator.Controllers;
using Simulator.Engine;

namespace Simulator.Benchmarks;

/// <summary>
/// One node added to a settled cluster of N nodes × 20 DaemonSets. The baseline is what upstream Kubernetes does for a node add:
/// a full sync of every DaemonSet (every node checked against every DaemonSet). The simulator checks the one new node per DaemonSet.
/// </summary>
[MemoryDiagnoser]
public class NodeEventBenchmarks
{
    private Simulation _sim = null!;
    private int _next;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sim = ClusterFactory.Settled(Nodes, 20);
        _next = Nodes;
    }

    [Benchmark(Baseline = true, Description = "full resync of every DaemonSet (upstream)")]
    public int FullResync()
    {
        var actions = 0;
        var state = _sim.State;
        foreach (var ds in state.DaemonSets.Values)
        {
            actions += DaemonSetReconciler.Reconcile(state, ds, state.Now).Actions.Length;
        }

        return actions;
    }

    [Benchmark(Description = "node added, simulated until settled")]
    public long NodeAdded()
    {
        _sim.CreateNode(ClusterFactory.Node(_next++));
        return _sim.RunUntilSettled().Steps;
    }
}
