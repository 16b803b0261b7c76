using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Rollouts;

// kubectl rollout status for DaemonSets (rollout_status.go DaemonSetStatusViewer + its test table, §15.4).
public class RolloutStatusTests
{
    [Fact]
    public void GetRolloutStatus_RightAfterTheUpdate_WaitsForTheSpecToBeObserved()
    {
        var sim = RolloutKit.Running(2, RolloutKit.Rolling());

        sim.SetImage(RolloutKit.V2);

        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("Waiting for daemon set spec update to be observed...", false));
    }

    [Fact]
    public void GetRolloutStatus_ThroughARollout_PrintsKubectlsLinesInOrder()
    {
        var sim = RolloutKit.Running(2, RolloutKit.Rolling(1, 0));
        var lines = new List<string>();

        sim.SetImage(RolloutKit.V2);
        sim.StepUntil(
            () => sim.GetRolloutStatus("default", "ds").Done,
            () =>
            {
                var line = sim.GetRolloutStatus("default", "ds").Message;
                if (lines.Count == 0 || lines[^1] != line)
                {
                    lines.Add(line);
                }
            });

        // Node by node: the old pod terminates (still counted, not updated), the new pod appears (updated, not yet available)
        // and turns Ready; on the last node all are updated before all are available.
        lines.ShouldBe(
        [
            "Waiting for daemon set spec update to be observed...",
            "Waiting for daemon set \"ds\" rollout to finish: 0 out of 2 new pods have been updated...",
            "Waiting for daemon set \"ds\" rollout to finish: 1 out of 2 new pods have been updated...",
            "Waiting for daemon set \"ds\" rollout to finish: 1 of 2 updated pods are available...",
            "daemon set \"ds\" successfully rolled out",
        ]);
    }

    [Fact]
    public void GetRolloutStatus_AllUpdatedButMinReadySecondsNotReached_CountsAvailablePods()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling("100%", 0, minReadySeconds: 60));
        sim.SetImage(RolloutKit.V2);

        // All three old pods go at once (30 s grace), the new ones start one second later and are Ready, not yet available.
        sim.RunFor(TimeSpan.FromSeconds(40));
        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("Waiting for daemon set \"ds\" rollout to finish: 0 of 3 updated pods are available...", false));

        sim.RunFor(TimeSpan.FromSeconds(60));
        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("daemon set \"ds\" successfully rolled out", true));
    }

    [Fact]
    public void GetRolloutStatus_Settled_Done()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());

        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("daemon set \"ds\" successfully rolled out", true));
    }

    [Fact]
    public void GetRolloutStatus_NoEligibleNodes_DoneAtOnce()
    {
        var ds = RolloutKit.Rolling();
        var sim = RolloutKit.Running(2, ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = ds.Spec.Template.Spec with { NodeSelector = StringMap.Of("gpu", "true") } } } });

        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("daemon set \"ds\" successfully rolled out", true));
    }
}
