using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Controllers;
using Simulator.Tests.Support;

namespace Simulator.Tests.Rollouts;

// The guide's scenario: fluentd v2.5.2 → v2.6.0 on 500 workers, maxUnavailable 1, minReadySeconds 10, exact 2 s kubelet starts.
public class FluentdRolloutScenarioTests
{
    private const int Workers = 500;

    [Fact]
    public void GetRollouts_FluentdUpgradeOn500Workers_TakesExactly42SecondsPerNode()
    {
        var sim = Fixtures.Cluster(Workers, "worker", kubelet: new KubeletOptions
        {
            StartLatencyMin = TimeSpan.FromSeconds(2),
            StartLatencyMax = TimeSpan.FromSeconds(2),
            RecordEvents = false,
        });
        sim.CreateNamespace("logging");
        var fluentd = Fixtures.Fluentd();
        sim.CreateDaemonSet(fluentd with
        {
            Spec = fluentd.Spec with
            {
                MinReadySeconds = 10,
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 1 },
                },
            },
        });
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        sim.GetRolloutStatus("logging", "fluentd").Done.ShouldBeTrue();

        sim.SetImage("quay.io/fluentd_elasticsearch/fluentd:v2.6.0", "fluentd", "logging");
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        // Per node, strictly one after another (maxUnavailable 1):
        //   t      the controller deletes the node's old pod; it terminates for terminationGracePeriodSeconds   30 s
        //   t+30   the old pod object is gone; the next sync creates the new pod, the scheduler binds it at once
        //   t+32   the kubelet has started it (StartLatencyMin = Max = 2 s) and it is Ready                      2 s
        //   t+42   Ready for minReadySeconds: available; the re-queued sync deletes the next node's old pod       10 s
        // 42 s per node × 500 nodes = 21,000 s = 5 h 50 min, from the update to the last pod becoming available.
        var rollout = sim.GetRollouts("logging", "fluentd").Rollouts[^1];
        rollout.TemplateGeneration.ShouldBe(2);
        rollout.Duration.ShouldBe(TimeSpan.FromSeconds(42 * Workers));
        rollout.Duration.ShouldBe(new TimeSpan(5, 50, 0));
        rollout.MaxUnavailable.ShouldBe(1);

        var pods = sim.Pods("fluentd", "logging");
        pods.Count.ShouldBe(Workers);
        pods.ShouldAllBe(p => p.Image() == "quay.io/fluentd_elasticsearch/fluentd:v2.6.0" && p.IsReady);
        sim.GetRolloutStatus("logging", "fluentd").Message.ShouldBe("daemon set \"fluentd\" successfully rolled out");
        sim.RevisionNumbers("fluentd", "logging").ShouldBe([1, 2]);
    }
}
