using Simulator.Engine;

namespace Simulator.Benchmarks.Workloads;

/// <summary>B1 and B6: DaemonSets applied to a cluster of bare nodes, simulated until every daemon pod runs.</summary>
internal sealed class ColdReconcile(int nodes, int daemonSets, bool naive)
{
    private Simulation _sim = null!;

    public Simulation Simulation => _sim;

    /// <summary>Builds the nodes (not measured).</summary>
    public void Setup() => _sim = ClusterFactory.Nodes(nodes, naive);

    /// <summary>Applies the DaemonSets and settles; returns the pods Running.</summary>
    public int Run()
    {
        ClusterFactory.AddDaemonSets(_sim, daemonSets);
        if (!_sim.RunUntilSettled().Settled)
        {
            throw new InvalidOperationException("The cold reconcile did not settle.");
        }

        return ClusterFactory.RunningPods(_sim);
    }
}
