using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Testing.Tests;

/// <summary>Each TestCluster operation does what kubectl would, and the cluster is settled when it returns.</summary>
public class TestClusterTests
{
    private const string Agent = "default/agent";

    private static readonly DaemonSetBuilder Plain = DaemonSetBuilder.Named(Agent);

    private static IReadOnlyList<Pod> PodsOf(TestCluster cluster, string daemonSet) =>
        [.. cluster.State.PodsControlledBy(cluster.DaemonSet(daemonSet).Metadata.Uid)];

    [Fact]
    public void Apply_NewDaemonSet_CreatesIt_AndItsNamespace()
    {
        var cluster = Cluster.With(2).Workers().Run().Apply(DaemonSetBuilder.Named("monitoring/node-exporter"));

        cluster.State.Namespaces.Keys.ShouldContain("monitoring");
        cluster.ShouldRunOnEveryNode("monitoring/node-exporter");
        cluster.DaemonSet("monitoring/node-exporter").Metadata.Generation.ShouldBe(1);
    }

    [Fact]
    public void Apply_ExistingDaemonSet_UpdatesIt_AndTheTemplateChangeRollsOut()
    {
        var cluster = Cluster.With(3).Workers().Run(Presets.Fluentd);
        var before = PodsOf(cluster, "logging/fluentd").Select(p => p.Metadata.Name).ToList();

        cluster.Apply(Presets.Fluentd.WithImage("quay.io/fluentd_elasticsearch/fluentd:v2.6.0"));

        var ds = cluster.DaemonSet("logging/fluentd");
        ds.Metadata.Generation.ShouldBe(2);
        cluster.ShouldBeRolledOut("logging/fluentd").ShouldRunOnEveryNode("logging/fluentd");
        var after = PodsOf(cluster, "logging/fluentd");
        after.Select(p => p.Spec.Containers[0].Image).Distinct().ShouldBe(["quay.io/fluentd_elasticsearch/fluentd:v2.6.0"]);
        after.Select(p => p.Metadata.Name).Intersect(before).ShouldBeEmpty();
        cluster.Simulation.GetRevisionHistory("logging", "fluentd").Count.ShouldBe(2);
    }

    [Fact]
    public void Apply_SameDaemonSetAgain_ChangesNothing()
    {
        var cluster = Cluster.With(2).Workers().Run(Presets.Fluentd);
        var pods = PodsOf(cluster, "logging/fluentd");

        cluster.Apply(Presets.Fluentd);

        cluster.DaemonSet("logging/fluentd").Metadata.Generation.ShouldBe(1);
        PodsOf(cluster, "logging/fluentd").ShouldBe(pods);
    }

    [Fact]
    public void Apply_NodeSelectorAdded_PodsLeaveTheOtherNodes()
    {
        Cluster.With(3).Workers().Node("k8s-worker-2", n => n.Labelled("type", "platform-tools")).Run(Presets.Fluentd)
            .Apply(Presets.FluentdOnPlatformTools)
            .ShouldRunExactlyOn("logging/fluentd", "k8s-worker-2");
    }

    [Fact]
    public void Apply_Pod_CreatesItsNamespace_AndSchedulesIt()
    {
        var cluster = Cluster.With(1).Workers().Run().Apply(PodBuilder.Named("shop/web-1").Requests("1"));

        var pod = cluster.State.GetPod("shop", "web-1")!;
        pod.Spec.NodeName.ShouldBe("k8s-worker-1");
        pod.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void Taint_NoExecute_DeletesThePod_Untaint_BringsItBack()
    {
        var cluster = Cluster.With(3).Workers().Run(Presets.Fluentd).Taint("k8s-worker-2", "app=fluentd-logging:NoExecute");

        cluster.ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-3");
        cluster.DaemonSet("logging/fluentd").Status.DesiredNumberScheduled.ShouldBe(2);

        cluster.Untaint("k8s-worker-2", "app", TaintEffect.NoExecute).ShouldRunOnEveryNode("logging/fluentd");
        cluster.DaemonSet("logging/fluentd").Status.DesiredNumberScheduled.ShouldBe(3);
    }

    [Fact]
    public void Untaint_WithoutEffect_RemovesEveryEffectOfTheKey()
    {
        var cluster = Cluster.With(1).Workers().Tainted("gpu=true:NoSchedule").Tainted("gpu=true:NoExecute").Run(Plain);
        cluster.ShouldNotRun(Agent, "k8s-worker-1");

        cluster.Untaint("k8s-worker-1", "gpu").ShouldRun(Agent, "k8s-worker-1");
        cluster.State.GetNode("k8s-worker-1")!.Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void Label_MatchesTheSelector_PodArrives_RemovingTheLabel_PodLeaves()
    {
        var cluster = Cluster.With(2).Workers().Run(Presets.FluentdOnPlatformTools);
        cluster.NodesRunning("logging/fluentd").ShouldBeEmpty();

        cluster.Label("k8s-worker-1", "type", "platform-tools").ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1");
        cluster.Label("k8s-worker-1", "type", null).NodesRunning("logging/fluentd").ShouldBeEmpty();
        cluster.State.GetNode("k8s-worker-1")!.Labels.ContainsKey("type").ShouldBeFalse();
    }

    [Fact]
    public void Cordon_KeepsTheDaemonPod_AndAReplacementStillLands_Uncordon_ClearsIt()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain).Cordon("k8s-worker-1");
        cluster.State.GetNode("k8s-worker-1")!.Spec.Unschedulable.ShouldBeTrue();
        cluster.ShouldRunOnEveryNode(Agent);

        var pod = cluster.State.PodsControlledByOnNode(cluster.DaemonSet(Agent).Metadata.Uid, "k8s-worker-1").Single();
        cluster.Change(sim => sim.DeletePod(pod.Metadata.Namespace, pod.Metadata.Name, 0)).ShouldRunOnEveryNode(Agent);
        PodsOf(cluster, Agent).Select(p => p.Metadata.Name).ShouldNotContain(pod.Metadata.Name);

        cluster.Uncordon("k8s-worker-1").State.GetNode("k8s-worker-1")!.Spec.Unschedulable.ShouldBeFalse();
        cluster.ShouldRunOnEveryNode(Agent);
    }

    [Fact]
    public void RemoveNode_ItsPodGoes_DesiredDrops()
    {
        var cluster = Cluster.With(3).Workers().Run(Plain).RemoveNode("k8s-worker-2");

        cluster.NodeNames.ShouldBe(["k8s-worker-1", "k8s-worker-3"]);
        cluster.ShouldRunOnEveryNode(Agent);
        PodsOf(cluster, Agent).Count.ShouldBe(2);
        cluster.DaemonSet(Agent).Status.DesiredNumberScheduled.ShouldBe(2);
    }

    [Fact]
    public void AddNodes_NewNodesGetAPod_UnlessTheirTaintsSayNo()
    {
        var cluster = Cluster.With(2).Workers().Run(Plain)
            .AddNodes(NodeBuilder.Named("k8s-worker-3"), NodeBuilder.Named("gpu-1").Tainted("gpu:NoSchedule"));

        cluster.ShouldRunOnEveryNodeExcept(Agent, "gpu-1");
        cluster.DaemonSet(Agent).Status.DesiredNumberScheduled.ShouldBe(3);
    }

    [Theory]
    [InlineData("background: the DaemonSet goes, then its pods", DeletionPropagation.Background)]
    [InlineData("foreground: the pods go, then the DaemonSet", DeletionPropagation.Foreground)]
    public void Delete_BackgroundOrForeground_DaemonSetAndPodsGo(string description, DeletionPropagation propagation)
    {
        var cluster = Cluster.With(2).Workers().Run(Presets.Fluentd).Delete("logging/fluentd", propagation);

        cluster.State.GetDaemonSet("logging", "fluentd").ShouldBeNull(description);
        cluster.State.Pods.Values.Where(p => p.Metadata.Namespace == "logging").ShouldBeEmpty(description);
        Should.Throw<ShouldAssertException>(() => cluster.ShouldRun("logging/fluentd", "k8s-worker-1"))
            .Message.ShouldBe("DaemonSet logging/fluentd does not exist; the cluster has no DaemonSets");
    }

    [Fact]
    public void Delete_Orphan_PodsKeepRunningWithoutOwner()
    {
        var cluster = Cluster.With(2).Workers().Run(Presets.Fluentd).Delete("logging/fluentd", DeletionPropagation.Orphan);

        cluster.State.GetDaemonSet("logging", "fluentd").ShouldBeNull();
        var pods = cluster.State.Pods.Values.Where(p => p.Metadata.Namespace == "logging").ToList();
        pods.Count.ShouldBe(2);
        pods.ShouldAllBe(p => p.Status.Phase == PodPhase.Running && p.Metadata.ControllerRef == null);
    }

    [Fact]
    public void Settle_CrashLoopingPod_FailsSayingSomethingKeepsHappening()
    {
        var cluster = Cluster.With(1).Workers().Run(Plain);
        var pod = PodsOf(cluster, Agent).Single();

        var failure = Should.Throw<InvalidOperationException>(() => cluster.Change(sim => sim.CrashPod(pod.Metadata.Namespace, pod.Metadata.Name)));

        failure.Message.ShouldStartWith("The cluster did not settle within 1.00:00:00 of simulated time (now ");
        failure.Message.ShouldContain($"what keeps happening: Created on Pod {pod.Metadata.Name} x");
        failure.Message.ShouldEndWith(". Use Simulation.RunFor to run for a fixed time instead.");
        Should.Throw<InvalidOperationException>(() => cluster.Settle(TimeSpan.FromMinutes(10)))
            .Message.ShouldStartWith("The cluster did not settle within 00:10:00 of simulated time (now ");
    }

    [Fact]
    public void Settle_ImageThatCannotBePulled_Fails_UntilTheImageIsHealed()
    {
        var cluster = Cluster.With(1).Workers().Run();
        cluster.Simulation.FailImage("agent:v1");

        Should.Throw<InvalidOperationException>(() => cluster.Apply(Plain));

        cluster.Simulation.HealImage("agent:v1");
        cluster.Settle().ShouldRunOnEveryNode(Agent);
    }

    [Fact]
    public void NodeNamesAndNodesRunning_NaturalOrder()
    {
        var cluster = Cluster.With(11).Workers().And(2).Named("gpu-").Run(Plain);

        cluster.NodeNames.ShouldBe([.. Enumerable.Range(1, 2).Select(i => $"gpu-{i}"), .. Enumerable.Range(1, 11).Select(i => $"k8s-worker-{i}")]);
        cluster.NodesRunning(Agent).ShouldBe(cluster.NodeNames);
        var running = cluster.NodesRunning(Agent).ToList();
        running.IndexOf("k8s-worker-2").ShouldBeLessThan(running.IndexOf("k8s-worker-10"));
    }

    [Fact]
    public void Runs_IsTrueOnlyForARunningPodOnThatNode()
    {
        var cluster = Cluster.With(2).Workers().Node("k8s-worker-2", n => n.Tainted("a:NoSchedule")).Run(Plain);

        cluster.Runs(Agent, "k8s-worker-1").ShouldBeTrue();
        cluster.Runs(Agent, "k8s-worker-2").ShouldBeFalse();
        cluster.Runs(Agent, "no-such-node").ShouldBeFalse();
    }

    [Fact]
    public void Why_Texts()
    {
        var cluster = Cluster.With(4).Workers().WithCapacity("1", "4Gi")
            .Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute").Tainted("dedicated:NoSchedule"))
            .Node("k8s-worker-3", n => n.Labelled("type", "web"))
            .WithPods(PodBuilder.Named("shop/web").Requests("950m").OnNode("k8s-worker-4"))
            .Run(Presets.Fluentd);

        cluster.Why("logging/fluentd", "k8s-worker-1").ShouldBe("every rule passes");
        cluster.Why("logging/fluentd", "k8s-worker-2").ShouldBe("taint app=fluentd-logging:NoExecute is not tolerated; taint dedicated:NoSchedule is not tolerated");
        cluster.Why("logging/fluentd", "k8s-worker-4").ShouldStartWith("its pod cannot be placed there: Insufficient cpu (pod fluentd-");
        cluster.Why("logging/fluentd", "nope").ShouldBe("the cluster has no node named nope");
        cluster.Apply(Presets.FluentdOnPlatformTools).Why("logging/fluentd", "k8s-worker-3").ShouldBe("nodeSelector type=platform-tools: the node has type=web");
    }

    [Fact]
    public void Explain_GivesTheRuleByRuleVerdicts()
    {
        var explanation = Cluster.With(1).Workers().Tainted("app=fluentd-logging:NoExecute").Run(Presets.Fluentd).Explain("logging/fluentd", "k8s-worker-1");

        explanation.ShouldRun.ShouldBeFalse();
        explanation.Rules.Single(r => r.Rule == "Taint").Detail.ShouldBe("taint app=fluentd-logging:NoExecute is not tolerated: no new pod, and a running pod is deleted");
    }

    [Fact]
    public void SetImage_NamedContainer_AndUnknownContainer()
    {
        var cluster = Cluster.With(1).Workers().Run(Presets.Fluentd).SetImage("logging/fluentd", "fluentd:v9", "fluentd-elasticsearch");

        PodsOf(cluster, "logging/fluentd").Single().Spec.Containers[0].Image.ShouldBe("fluentd:v9");
        Should.Throw<Simulator.Validation.ApiException>(() => cluster.SetImage("logging/fluentd", "x", "nope"))
            .Message.ShouldContain("unable to find container named \"nope\"");
    }
}
