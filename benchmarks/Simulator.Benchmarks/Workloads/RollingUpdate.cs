using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Benchmarks.Workloads;

/// <summary>
/// B4: a DaemonSet on every node of a settled cluster gets a new image and rolls out (minReadySeconds 10, grace period 30 s)
/// until every node runs the new template, in virtual time.
/// </summary>
internal sealed class RollingUpdate(int nodes, bool surge, bool naive)
{
    private Simulation _sim = null!;

    public Simulation Simulation => _sim;

    /// <summary>How long the rollout took in virtual time.</summary>
    public TimeSpan VirtualDuration { get; private set; }

    public void Setup()
    {
        _sim = ClusterFactory.Nodes(nodes, naive);
        var ds = ClusterFactory.DaemonSet(3);
        _sim.CreateDaemonSet(ds with
        {
            Metadata = ds.Metadata with { Name = "fluentd" },
            Spec = ds.Spec with
            {
                MinReadySeconds = 10,
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = surge
                        ? new RollingUpdateDaemonSet { MaxUnavailable = 0, MaxSurge = 1 }
                        : new RollingUpdateDaemonSet { MaxUnavailable = 1, MaxSurge = 0 },
                },
            },
        });
        _sim.RunUntilSettled();
    }

    /// <summary>Sets the new image and simulates until the rollout is done; returns the pods on the new template.</summary>
    public int Run()
    {
        var started = _sim.Now;
        _sim.SetImage(ClusterFactory.Namespace, "fluentd", "agent", "agent-3:2.0");
        if (!_sim.RunUntilSettled(TimeSpan.FromDays(7)).Settled)
        {
            throw new InvalidOperationException("The rollout did not settle.");
        }

        VirtualDuration = _sim.Now - started;
        return _sim.State.GetDaemonSet(ClusterFactory.Namespace, "fluentd")!.Status.UpdatedNumberScheduled;
    }
}
