using FsCheck.Xunit;
using Simulator.Testing;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/testing.md.</summary>
public class TestingPage
{
    [Fact]
    public void AGuideScenarioInOneStatement()
    {
        // begin-snippet: testing-fluent
        Presets.GuideCluster(workers: 3)                        // k8s-worker-1..3 and a tainted control-plane node
            .Run(Presets.Fluentd)                               // the guide's logging/fluentd DaemonSet, settled
            .ShouldRunOnEveryNodeExcept("logging/fluentd", "k8s-control-plane")
            .Taint("k8s-worker-2", "app=fluentd-logging:NoExecute")
            .ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-3");
        // end-snippet
    }

    [Fact]
    public void BuildersAndWhy()
    {
        // begin-snippet: testing-builders
        var exporter = DaemonSetBuilder.Named("monitoring/node-exporter")
            .WithImage("quay.io/prometheus/node-exporter:v1.8.2")
            .WithNodeSelector("kubernetes.io/os", "linux")
            .Requests("100m", "64Mi")
            .WithHostPort(9100);

        var cluster = Cluster.With(3).Workers().Labelled("kubernetes.io/os", "linux")
            .And(1).Named("win-").Labelled("kubernetes.io/os", "windows")
            .And(1).Named("small-").Labelled("kubernetes.io/os", "linux").WithCapacity("50m", "1Gi")
            .Run(exporter);

        cluster.ShouldRunExactlyOn("monitoring/node-exporter", "k8s-worker-1", "k8s-worker-2", "k8s-worker-3")
            .ShouldBePendingOn("monitoring/node-exporter", "small-1", "Insufficient cpu");
        var why = cluster.Why("monitoring/node-exporter", "win-1");
        // nodeSelector kubernetes.io/os=linux: the node has kubernetes.io/os=windows
        // end-snippet

        why.ShouldContain("nodeSelector kubernetes.io/os=linux: the node has kubernetes.io/os=windows");
        cluster.NodeNames.Count.ShouldBe(5);
    }

    [Fact]
    public void AFailureExplainsItself()
    {
        var cluster = Presets.GuideCluster(workers: 2).Run(Presets.Fluentd);
        var failure = Should.Throw<ShouldAssertException>(() => cluster.ShouldRun("logging/fluentd", "k8s-control-plane"));
        failure.Message.ShouldContain("k8s-control-plane");
        failure.Message.ShouldContain("node-role.kubernetes.io/control-plane");
    }

    // begin-snippet: testing-property
    [Property(MaxTest = 30, Arbitrary = [typeof(SimulatorArbitraries)])]
    public void Agent_RunsExactlyWhereItsRulesAllow(ClusterBuilder cluster, DaemonSetBuilder agent) =>
        cluster.Run(agent).ShouldRunWhereItsRulesAllow("default/agent");
    // end-snippet
}
