using Simulator.Model;

namespace Simulator.Testing.Tests.Builders;

public class ClusterBuilderTests
{
    private static IReadOnlyList<string> Names(ClusterBuilder cluster) => [.. cluster.Nodes().Select(n => n.Name)];

    [Fact]
    public void With_NoNamingMethod_NamesNodesNodeOneToN()
    {
        Names(Cluster.With(3)).ShouldBe(["node-1", "node-2", "node-3"]);
    }

    [Fact]
    public void Workers_TwoWorkerGroups_NumberingContinuesAcrossGroups()
    {
        var cluster = Cluster.With(2).Workers().And(3).Workers().Labelled("type", "platform-tools");

        Names(cluster).ShouldBe(["k8s-worker-1", "k8s-worker-2", "k8s-worker-3", "k8s-worker-4", "k8s-worker-5"]);
        cluster.Nodes().Where(n => n.Labels.GetValueOrDefault("type") == "platform-tools").Select(n => n.Name)
            .ShouldBe(["k8s-worker-3", "k8s-worker-4", "k8s-worker-5"]);
    }

    [Fact]
    public void Named_GroupsWithDifferentPrefixes_EachPrefixNumbersFromOne()
    {
        var cluster = Cluster.With(2).Workers().And(2).Named("gpu-").And(1).Workers().And(1).ControlPlanes();

        Names(cluster).ShouldBe(["k8s-worker-1", "k8s-worker-2", "gpu-1", "gpu-2", "k8s-worker-3", "k8s-control-plane-1"]);
    }

    [Fact]
    public void WithNodes_SingleNodes_ComeAfterTheGroups()
    {
        Names(Presets.GuideCluster(2)).ShouldBe(["k8s-worker-1", "k8s-worker-2", "k8s-control-plane"]);
    }

    [Fact]
    public void ControlPlanes_GroupIsLabelledAndTaintedAsKubeadmDoes()
    {
        var node = Cluster.With(1).ControlPlanes().Nodes().Single();

        node.Name.ShouldBe("k8s-control-plane-1");
        node.Labels.GetValueOrDefault(WellKnownLabels.ControlPlaneRole).ShouldBe("");
        node.Spec.Taints.ToArray().ShouldBe([new Taint("node-role.kubernetes.io/control-plane", "", TaintEffect.NoSchedule)]);
    }

    [Fact]
    public void GroupMethods_ApplyOnlyToTheCurrentGroup()
    {
        var nodes = Cluster.With(1).Workers().Tainted("dedicated=infra:NoSchedule").WithCapacity("8", "32Gi", 50)
            .And(1).Named("edge-").Cordoned()
            .Nodes();

        nodes[0].Spec.Taints.ToArray().ShouldBe([new Taint("dedicated", "infra", TaintEffect.NoSchedule)]);
        nodes[0].Status.Capacity.ShouldBe(ResourceList.Of("cpu", "8", "memory", "32Gi", "pods", "50"));
        nodes[0].Spec.Unschedulable.ShouldBeFalse();
        nodes[1].Spec.Taints.ShouldBeEmpty();
        nodes[1].Status.Capacity.ShouldBe(ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110"));
        nodes[1].Spec.Unschedulable.ShouldBeTrue();
    }

    [Fact]
    public void Node_ChangesOnlyTheNamedNode_AndKeepsItsName()
    {
        var nodes = Cluster.With(3).Workers()
            .Node("k8s-worker-2", n => NodeBuilder.Named("renamed").Tainted("app=fluentd-logging:NoExecute"))
            .Nodes();

        nodes.Select(n => n.Name).ShouldBe(["k8s-worker-1", "k8s-worker-2", "k8s-worker-3"]);
        nodes[1].Spec.Taints.ToArray().ShouldBe([new Taint("app", "fluentd-logging", TaintEffect.NoExecute)]);
        nodes[0].Spec.Taints.ShouldBeEmpty();
        nodes[2].Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void Node_MissingName_FailsWithAClearMessage()
    {
        var cluster = Cluster.With(3).Workers().Node("k8s-worker-4", n => n.Cordoned());

        var failure = Should.Throw<ArgumentException>(() => cluster.Nodes());

        failure.Message.ShouldBe("Node(\"k8s-worker-4\", ...): the cluster has no node named 'k8s-worker-4'.");
        Should.Throw<ArgumentException>(() => cluster.Run()).Message.ShouldBe(failure.Message);
    }

    [Fact]
    public void Nodes_DuplicateNames_Fail()
    {
        var cluster = Cluster.With(2).Workers().WithNodes(NodeBuilder.Named("k8s-worker-2"));

        Should.Throw<ArgumentException>(() => cluster.Nodes()).Message.ShouldBe("The cluster has two nodes named 'k8s-worker-2'.");
    }

    [Fact]
    public void Nodes_TwoGroupsWithTheSamePrefixNeverCollide()
    {
        Names(Cluster.With(1).Named("a-").And(1).Named("a-")).ShouldBe(["a-1", "a-2"]);
    }

    [Fact]
    public void GroupMethods_WithoutAGroup_FailWithAHint()
    {
        Should.Throw<InvalidOperationException>(() => Cluster.Empty.Workers())
            .Message.ShouldBe("Start a group of nodes first, with Cluster.With(count) or And(count).");
        Should.Throw<ArgumentOutOfRangeException>(() => Cluster.With(-1));
    }

    [Fact]
    public void Derive_SharedBuilderIsUnchanged()
    {
        var shared = Cluster.With(2).Workers();
        var before = Names(shared);

        var derived = shared.And(1).Named("gpu-").Labelled("gpu", "true").Node("k8s-worker-1", n => n.Cordoned())
            .WithPriorityClass("high", 1000).WithSeed(7).WithDaemonSets(Presets.Fluentd);

        Names(shared).ShouldBe(before);
        shared.Groups.Count.ShouldBe(1);
        shared.Groups[0].Template.Labels.ShouldBeEmpty();
        shared.ChangedNodes.ShouldBeEmpty();
        shared.PriorityClasses.ShouldBeEmpty();
        shared.DaemonSets.ShouldBeEmpty();
        shared.Options.Seed.ShouldBe(1UL);
        derived.Options.Seed.ShouldBe(7UL);
        Names(derived).ShouldBe(["k8s-worker-1", "k8s-worker-2", "gpu-1"]);
    }

    [Fact]
    public void Run_DoesNotAddItsDaemonSetsToTheBuilder()
    {
        var cluster = Cluster.With(2).Workers();

        cluster.Run(Presets.Fluentd).NodesRunning("logging/fluentd").ShouldBe(["k8s-worker-1", "k8s-worker-2"]);
        cluster.DaemonSets.ShouldBeEmpty();
        cluster.Run().State.DaemonSets.ShouldBeEmpty();
    }

    [Fact]
    public void Run_CreatesPriorityClassesPodsAndDaemonSetsInTheirNamespaces()
    {
        var test = Cluster.With(1).Workers()
            .WithPriorityClass("high", 1000)
            .WithPods(PodBuilder.Named("shop/web-1").Requests("1").OnNode("k8s-worker-1"))
            .WithDaemonSets(DaemonSetBuilder.Named("monitoring/agent"))
            .Run();

        test.State.Namespaces.Keys.ShouldContain("shop");
        test.State.Namespaces.Keys.ShouldContain("monitoring");
        test.State.GetPod("shop", "web-1")!.Status.Phase.ShouldBe(PodPhase.Running);
        test.ShouldRunOnEveryNode("monitoring/agent");
    }

    [Fact]
    public void WithSeed_SameDescriptionAndSeed_SameEventLog()
    {
        var cluster = Cluster.With(20).Workers().WithSeed(42);

        var first = cluster.Run(Presets.Fluentd).Simulation.Events.Select(e => e.ToString()).ToList();
        var second = cluster.Run(Presets.Fluentd).Simulation.Events.Select(e => e.ToString()).ToList();

        second.ShouldBe(first);
    }
}
