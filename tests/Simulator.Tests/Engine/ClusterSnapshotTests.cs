using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Engine;

public class ClusterSnapshotTests
{
    private static Simulation Settled()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 3 });
        for (var i = 1; i <= 6; i++)
        {
            sim.CreateNode(Fixtures.Node($"worker-{i}", labels: i % 2 == 0 ? StringMap.Of("type", "platform-tools") : default));
        }

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled();
        sim.SetImage("logging", "fluentd", "fluentd-elasticsearch", "quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
        sim.RunUntilSettled();
        sim.TaintNode("worker-3", new Taint("app", "fluentd-logging", TaintEffect.NoExecute));
        sim.RunUntilSettled();

        // A restored simulation's clock starts on a whole second (Kubernetes timestamps have no fractions); move there first.
        sim.RunUntil(sim.Now.TruncateToSeconds() + TimeSpan.FromSeconds(1));
        return sim;
    }

    [Fact]
    public void Of_HoldsEveryObjectOfTheState()
    {
        var sim = Settled();

        var snapshot = ClusterSnapshot.Of(sim.State);

        snapshot.Nodes.Select(n => n.Name).ShouldBe(sim.State.Nodes.Keys);
        snapshot.Pods.Select(p => p.Key).ShouldBe(sim.State.Pods.Keys);
        snapshot.DaemonSets.Single().ShouldBe(sim.State.GetDaemonSet("logging", "fluentd"));
        snapshot.ControllerRevisions.Count.ShouldBe(2);
        snapshot.Namespaces.Select(n => n.Name).ShouldContain("logging");
        snapshot.Count.ShouldBe(sim.State.Namespaces.Count + sim.State.PriorityClasses.Count + sim.State.Nodes.Count + 1 + 2 + sim.State.Pods.Count);
    }

    [Fact]
    public void Of_RestoredIntoAFreshSimulation_SettlesWithoutCreatingOrDeletingAnything()
    {
        var sim = Settled();

        var copy = new Simulation(new SimulationOptions { Seed = 3, Start = sim.Now });
        copy.Restore(ClusterSnapshot.Of(sim.State));
        copy.RunUntilSettled();

        copy.State.Pods.Values.Select(p => (p.Key, p.Metadata.Uid, p.Spec.NodeName, p.Status.Phase))
            .ShouldBe(sim.State.Pods.Values.Select(p => (p.Key, p.Metadata.Uid, p.Spec.NodeName, p.Status.Phase)));
        copy.Events.ShouldNotContain(e => e.Reason == "SuccessfulCreate" || e.Reason == "SuccessfulDelete");
        copy.GetRevisionHistory("logging", "fluentd").Select(r => r.Revision).ShouldBe([1L, 2L]);
        copy.State.GetDaemonSet("logging", "fluentd")!.Status.ShouldBe(sim.State.GetDaemonSet("logging", "fluentd")!.Status);
    }

    [Fact]
    public void Of_ACopyBehavesLikeTheOriginalAfterTheSameChange()
    {
        var sim = Settled();
        var copy = new Simulation(new SimulationOptions { Seed = 3, Start = sim.Now });
        copy.Restore(ClusterSnapshot.Of(sim.State));
        copy.RunUntilSettled();

        foreach (var s in new[] { sim, copy })
        {
            s.RemoveTaint("worker-3", "app");
            s.RunUntilSettled();
        }

        copy.State.Pods.Values.Select(p => p.Spec.NodeName).Order().ShouldBe(sim.State.Pods.Values.Select(p => p.Spec.NodeName).Order());
        copy.State.Pods.Values.ShouldContain(p => p.Spec.NodeName == "worker-3");
    }
}
