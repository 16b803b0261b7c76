using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Testing.Tests.Properties;

/// <summary>Everything the generators make is valid: the simulation's API server accepts it.</summary>
public class GeneratorProperties
{
    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 200)]
    public void Node_Generated_IsAcceptedByTheApiServer(NodeBuilder node)
    {
        var sim = new Simulation();

        var created = sim.CreateNode(node.Build());

        created.Name.ShouldBe("k8s-worker-1");
        created.Spec.Taints.Count.ShouldBe(node.Taints.Count);
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 200)]
    public void TaintAndToleration_Generated_AreAcceptedByTheApiServer(Taint taint, Toleration toleration)
    {
        var sim = new Simulation();
        sim.CreateNode(NodeBuilder.Named("n").Tainted(taint).Build());
        sim.CreateNamespace("monitoring");

        Should.NotThrow(() => sim.CreateDaemonSet(DaemonSetBuilder.Named("monitoring/agent").Tolerating(toleration).Build()));
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 200)]
    public void DaemonSet_Generated_IsAcceptedByTheApiServer(DaemonSetBuilder ds)
    {
        var sim = new Simulation();

        var created = sim.CreateDaemonSet(ds.Build());

        created.Metadata.Name.ShouldBe("agent");
        created.Spec.Template.Spec.NodeSelector.ShouldBe(ds.Build().Spec.Template.Spec.NodeSelector);
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 30)]
    public void Cluster_Generated_RunsAndSettles(ClusterBuilder cluster, DaemonSetBuilder ds)
    {
        cluster.SingleNodes.Count.ShouldBeInRange(1, 50);

        var test = cluster.Run(ds);

        test.NodeNames.Count.ShouldBe(cluster.SingleNodes.Count);
        test.DaemonSet(ds.Key).Status.DesiredNumberScheduled.ShouldBeLessThanOrEqualTo(cluster.SingleNodes.Count);
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 100)]
    public void ShrinkCluster_YieldsSmallerClustersOfTheSameNodes(ClusterBuilder cluster)
    {
        var original = cluster.SingleNodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var shrunk = SimulatorGen.ShrinkCluster(cluster).ToList();

        if (cluster.SingleNodes.Count <= 1)
        {
            shrunk.ShouldBeEmpty();
            return;
        }

        shrunk.ShouldNotBeEmpty();
        shrunk.ShouldAllBe(c => c.SingleNodes.Count >= 1 && c.SingleNodes.Count < cluster.SingleNodes.Count);
        shrunk.ShouldAllBe(c => c.SingleNodes.All(n => original.Contains(n.Name)));
        shrunk.ShouldAllBe(c => c.Options == cluster.Options);
        shrunk[0].SingleNodes.Count.ShouldBe(cluster.SingleNodes.Count / 2);
    }

    [Fact]
    public void ShrinkCluster_ClusterOfGroups_HalvesOrDropsANodeFromAGroup_KeepingNamedNodeChangesValid()
    {
        var cluster = Cluster.With(10).Workers().And(3).Named("gpu-").Node("gpu-3", n => n.Tainted("gpu=true:NoSchedule"));

        var shrunk = SimulatorGen.ShrinkCluster(cluster).Select(c => c.Groups.Select(g => g.Count).ToArray()).ToList();

        // gpu-3 must survive, so the gpu group cannot shrink below 3 nodes.
        shrunk.ShouldBe([[5, 3], [9, 3]]);
        SimulatorGen.ShrinkCluster(Cluster.With(1).Workers()).ShouldBeEmpty();
    }

    [Fact]
    public void Shrinking_AFailingClusterProperty_EndsAtTheSmallestCounterexample()
    {
        // The property "a cluster has fewer than 4 nodes", and a counterexample of 40 to 50 nodes.
        static bool Fails(ClusterBuilder c) => c.SingleNodes.Count >= 4;
        var cluster = SimulatorGen.Cluster(40, 50).Sample(1, 7).Single();

        // What FsCheck does: take the first smaller candidate that still fails, until none does.
        var steps = 0;
        while (SimulatorGen.ShrinkCluster(cluster).FirstOrDefault(Fails) is { } smaller)
        {
            cluster = smaller;
            steps++;
        }

        cluster.SingleNodes.Count.ShouldBe(4);
        steps.ShouldBeLessThan(20);
        Should.Throw<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithReplay(7UL, 11UL), Prop.ForAll(SimulatorArbitraries.Cluster(), c => !Fails(c))))
            .Message.ShouldContain("shrinks");
    }

    [Fact]
    public void Generators_CoverTheVocabulary()
    {
        var nodes = SimulatorGen.Node("n").Sample(300, 7);
        var daemonSets = SimulatorGen.DaemonSet().Sample(300, 7).Select(b => b.Build().Spec.Template.Spec).ToList();

        nodes.ShouldContain(n => n.Taints.Count == 0);
        nodes.ShouldContain(n => n.Taints.Count == 2);
        nodes.ShouldContain(n => n.Unschedulable);
        nodes.ShouldContain(n => n.Pods == 2);
        TaintEffect.All.ShouldAllBe(e => nodes.Any(n => n.Taints.Any(t => t.Effect == e)));
        nodes.ShouldAllBe(n => n.Taints.Select(t => t.Key + ":" + t.Effect).Distinct().Count() == n.Taints.Count);
        daemonSets.ShouldContain(s => s.NodeSelector.IsEmpty);
        daemonSets.ShouldContain(s => !s.NodeSelector.IsEmpty);
        daemonSets.ShouldContain(s => s.Affinity != null);
        daemonSets.ShouldContain(s => s.Tolerations.Any(t => t.Key.Length == 0 && t.Operator == TolerationOperator.Exists));
    }
}
