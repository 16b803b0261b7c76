using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/fidelity.md.</summary>
public class FidelityPage
{
    [Fact]
    public void ScoreTiesGoToTheFirstNodeName()
    {
        // begin-snippet: fidelity-ties
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);                                     // three identical, empty nodes: every score ties
        sim.CreatePod(new Pod
        {
            Metadata = ObjectMeta.Named("web", "default"),
            Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "web", Image = "nginx:1.27" }) },
        });
        sim.RunUntilSettled();
        var node = sim.State.GetPod("default", "web")!.Spec.NodeName;   // "worker-1", whatever the seed; kube-scheduler picks at random
        // end-snippet

        node.ShouldBe("worker-1");
        for (ulong seed = 2; seed < 6; seed++)
        {
            var other = new Simulation(new SimulationOptions { Seed = seed });
            Examples.AddWorkers(other, 3);
            other.CreatePod(new Pod
            {
                Metadata = ObjectMeta.Named("web", "default"),
                Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "web", Image = "nginx:1.27" }) },
            });
            other.RunUntilSettled();
            other.State.GetPod("default", "web")!.Spec.NodeName.ShouldBe("worker-1");
        }
    }
}
