using FsCheck.Xunit;
using Shouldly;
using Simulator.Model;
using Simulator.Testing;
using Xunit;

namespace UserTests;

/// <summary>
/// A platform team's own DaemonSets, tested the way the team rolls them out: a cluster like production, the DaemonSet, and
/// where its pods must (and must not) run. Each test takes milliseconds; a failure names the node and the rule that decided it.
/// </summary>
public class NodeAgentTests
{
    // The team's DaemonSets, written once and shared by every test (builders are immutable).
    private static readonly DaemonSetBuilder LogAgent = DaemonSetBuilder.Named("logging/log-agent")
        .WithImage("fluent/fluent-bit:3.1").Requests("100m", "200Mi").Limits(null, "200Mi");

    private static readonly DaemonSetBuilder NodeExporter = DaemonSetBuilder.Named("monitoring/node-exporter")
        .WithImage("quay.io/prometheus/node-exporter:v1.8.2").Requests("50m", "64Mi").WithHostPort(9100).ToleratingEverything();

    private static readonly DaemonSetBuilder GpuPlugin = DaemonSetBuilder.Named("kube-system/nvidia-device-plugin")
        .WithImage("nvcr.io/nvidia/k8s-device-plugin:v0.16.2").WithNodeSelector("accelerator", "nvidia")
        .Tolerating(new Toleration("nvidia.com/gpu", TolerationOperator.Exists, "", TaintEffect.NoSchedule));

    private static readonly DaemonSetBuilder SecurityAgent = DaemonSetBuilder.Named("kube-system/security-agent")
        .WithImage("falcosecurity/falco:0.38.1").Requests("500m", "512Mi").WithPriorityClass("system-node-critical");

    private static readonly DaemonSetBuilder CniAgent = DaemonSetBuilder.Named("kube-system/cni-agent")
        .WithImage("calico/node:v3.28.1").WithHostNetwork().WithHostPort(9099).ToleratingEverything().WithPriorityClass("system-node-critical");

    // Production in miniature: a kubeadm control plane, ten general workers, two GPU workers tainted for GPU work only.
    private static readonly ClusterBuilder Production = Cluster.With(1).ControlPlanes()
        .And(10).Workers()
        .And(2).Named("gpu-").Labelled("accelerator", "nvidia").Tainted("nvidia.com/gpu=present:NoSchedule");

    [Fact]
    public void LogAgent_RunsOnEveryWorker_NotOnTheControlPlaneOrGpuNodes()
    {
        var cluster = Production.Run(LogAgent);

        cluster.ShouldRunOnEveryNodeExcept("logging/log-agent", "k8s-control-plane-1", "gpu-1", "gpu-2");
        cluster.Why("logging/log-agent", "gpu-1").ShouldBe("taint nvidia.com/gpu=present:NoSchedule is not tolerated");
    }

    [Fact]
    public void LogAgent_NodeTaintedNoExecute_LosesItsPod_AndGetsItBackWhenTheTaintGoes()
    {
        var cluster = Production.Run(LogAgent).Taint("k8s-worker-3", "maintenance=kernel-upgrade:NoExecute");

        cluster.ShouldNotRun("logging/log-agent", "k8s-worker-3");
        cluster.Untaint("k8s-worker-3", "maintenance").ShouldRun("logging/log-agent", "k8s-worker-3");
    }

    [Fact]
    public void LogAgent_NewImage_RollsOutToEveryNodeItRunsOn()
    {
        var cluster = Production.Run(LogAgent).SetImage("logging/log-agent", "fluent/fluent-bit:3.2");

        cluster.ShouldBeRolledOut("logging/log-agent").NodesRunning("logging/log-agent").Count.ShouldBe(10);
    }

    [Fact]
    public void NodeExporter_ToleratesEverything_RunsOnEveryNode_EvenCordonedOnes()
    {
        var cluster = Production.Node("k8s-worker-7", n => n.Cordoned()).Run(NodeExporter);

        cluster.ShouldRunOnEveryNode("monitoring/node-exporter");
    }

    [Fact]
    public void GpuPlugin_RunsOnlyOnGpuNodes_AndOnANewGpuNodeWhenItJoins()
    {
        var cluster = Production.Run(GpuPlugin).AddNodes(NodeBuilder.Named("gpu-3").Labelled("accelerator", "nvidia").Tainted("nvidia.com/gpu=present:NoSchedule"));

        cluster.ShouldRunExactlyOn("kube-system/nvidia-device-plugin", "gpu-1", "gpu-2", "gpu-3");
    }

    [Fact]
    public void SecurityAgent_SystemNodeCritical_PreemptsALowPriorityPodOnAFullNode()
    {
        // Run() first so the batch pod holds the node before the agent arrives; then apply the agent.
        var cluster = Cluster.With(1).Workers().WithCapacity("2", "4Gi").WithPods(PodBuilder.Named("batch/cruncher").Requests("2", "1Gi")).Run();

        cluster.Apply(SecurityAgent).ShouldRun("kube-system/security-agent", "k8s-worker-1");
        cluster.State.GetPod("batch", "cruncher").ShouldBeNull();
    }

    [Fact]
    public void NodeExporter_HostPortTakenByAnotherPod_StaysPendingOnThatNodeOnly()
    {
        var cluster = Production.WithPods(PodBuilder.Named("default/old-exporter").WithHostPort(9100).OnNode("k8s-worker-4")).Run(NodeExporter);

        cluster.ShouldRunOnEveryNodeExcept("monitoring/node-exporter", "k8s-worker-4");
        cluster.ShouldBePendingOn("monitoring/node-exporter", "k8s-worker-4", "didn't have free ports");
    }

    [Fact]
    public void CniAgent_HostNetworkSystemNodeCritical_PreemptsThePodHoldingItsHostPort_AndRunsEverywhere()
    {
        var cluster = Production.WithPods(PodBuilder.Named("default/legacy-cni").WithHostPort(9099).OnNode("k8s-worker-4")).Run(CniAgent);

        cluster.ShouldRunOnEveryNode("kube-system/cni-agent");
        cluster.State.GetPod("default", "legacy-cni").ShouldBeNull();
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 25)]
    public void NodeExporter_AnyCluster_RunsOnEveryNode(ClusterBuilder cluster)
    {
        cluster.Run(NodeExporter).ShouldRunOnEveryNode("monitoring/node-exporter");
    }

    [Property(Arbitrary = new[] { typeof(SimulatorArbitraries) }, MaxTest = 25)]
    public void AnyDaemonSet_AnyCluster_RunsWhereItsRulesAllow(ClusterBuilder cluster, DaemonSetBuilder daemonSet)
    {
        cluster.Run(daemonSet).ShouldRunWhereItsRulesAllow(daemonSet.Key);
    }
}
