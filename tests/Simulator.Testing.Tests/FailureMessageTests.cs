using Simulator.Testing;

namespace Simulator.Testing.Tests;

public class FailureMessageTests
{
    [Fact]
    public void A_missing_pod_is_explained_by_the_rule_that_stops_it()
    {
        var cluster = Cluster.With(3).Workers().Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute")).Run(Presets.Fluentd);

        var failure = Should.Throw<ShouldAssertException>(() => cluster.ShouldRun("logging/fluentd", "k8s-worker-2"));

        failure.Message.ShouldBe("DaemonSet logging/fluentd should run on k8s-worker-2 but does not: taint app=fluentd-logging:NoExecute is not tolerated");
        cluster.ShouldRunExactlyOn("logging/fluentd", "k8s-worker-1", "k8s-worker-3");
    }
}
