using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Benchmarks.Workloads;

/// <summary>
/// B9: plain pods (no controller) with resource requests created on a cluster of bare nodes and scheduled until all run. The
/// naive reference scores every node for every pod instead of kube-scheduler's adaptive share.
/// </summary>
internal sealed class PlainPods(int nodes, int pods, bool naive)
{
    private static readonly PodTemplateSpec Template = new()
    {
        Metadata = new ObjectMeta { Labels = StringMap.Of("app", "web") },
        Spec = new PodSpec
        {
            Containers = EquatableArray.Create(new Container
            {
                Name = "web",
                Image = "nginx:1.27",
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "100m", "memory", "128Mi") },
            }),
        },
    };

    private Simulation _sim = null!;

    public Simulation Simulation => _sim;

    public void Setup() => _sim = ClusterFactory.Nodes(nodes, naive);

    /// <summary>Creates the pods and settles; returns the pods bound to a node.</summary>
    public int Run()
    {
        _sim.CreatePods(ClusterFactory.Namespace, "web-", pods, Template);
        if (!_sim.RunUntilSettled().Settled)
        {
            throw new InvalidOperationException("The pods did not settle.");
        }

        return _sim.State.Pods.Values.Count(p => p.IsBound);
    }
}
