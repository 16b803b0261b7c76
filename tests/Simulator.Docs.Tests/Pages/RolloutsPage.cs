using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/rollouts.md.</summary>
public class RolloutsPage
{
    private const string V1 = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2";

    [Fact]
    public void RollingUpdate()
    {
        // begin-snippet: rollouts-rolling
        var v2 = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0";
        var sim = new Simulation();
        Examples.AddWorkers(sim, 10);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd() with { Spec = Examples.Fluentd().Spec with { MinReadySeconds = 10 } });
        sim.RunUntilSettled();

        sim.SetImage("logging", "fluentd", "fluentd", v2);             // kubectl set image ds/fluentd fluentd=...:v2.6.0
        sim.RunUntilSettled();

        var rollout = sim.GetRollouts("logging", "fluentd").Rollouts[^1];
        // rollout.MaxUnavailable == 1 (the default maxUnavailable), rollout.Duration: about 10 nodes x (30 s grace + start + 10 s)
        var status = sim.GetRolloutStatus("logging", "fluentd").Message;   // daemon set "fluentd" successfully rolled out
        // end-snippet

        rollout.Completed.ShouldNotBeNull();
        rollout.MaxUnavailable.ShouldBe(1);
        rollout.Duration!.Value.ShouldBeGreaterThan(TimeSpan.FromSeconds(10 * 40));
        rollout.Duration!.Value.ShouldBeLessThan(TimeSpan.FromSeconds(10 * 45));
        status.ShouldBe("daemon set \"fluentd\" successfully rolled out");
        sim.State.Pods.Values.ShouldAllBe(p => p.Spec.Containers[0].Image == v2);
        sim.GetRollouts("logging", "fluentd").Timeline.Where(s => s.Time >= rollout.Started).Max(s => s.Unavailable).ShouldBe(1);
    }

    [Fact]
    public void Surge()
    {
        // begin-snippet: rollouts-surge
        var v2 = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0";
        var ds = Examples.Fluentd() with
        {
            Spec = Examples.Fluentd().Spec with
            {
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 0, MaxSurge = "20%" },   // surge needs maxUnavailable 0
                },
            },
        };
        var sim = new Simulation();
        Examples.AddWorkers(sim, 10);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(ds);
        sim.RunUntilSettled();
        sim.SetImage("logging", "fluentd", "fluentd", v2);
        sim.RunFor(TimeSpan.FromSeconds(1));
        var pods = sim.State.Pods.Count;                                // 12: 10 nodes + 20% surge, old and new side by side
        sim.RunUntilSettled();

        var rollout = sim.GetRollouts("logging", "fluentd").Rollouts[^1];
        // rollout.MaxUnavailable == 0: an old pod goes only once the new pod on its node is available
        // end-snippet

        rollout.MaxUnavailable.ShouldBe(0);
        rollout.Completed.ShouldNotBeNull();
        sim.State.Pods.Values.ShouldAllBe(p => p.Spec.Containers[0].Image == v2);
        sim.State.Pods.Count.ShouldBe(10);
        pods.ShouldBe(12);
    }

    [Fact]
    public void StalledRolloutAndUndo()
    {
        var sim = new Simulation();
        Examples.AddWorkers(sim, 10);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());
        sim.RunUntilSettled();

        // begin-snippet: rollouts-undo
        var v2 = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0";
        sim.FailImage(v2);                                              // pulls of this image fail: ErrImagePull, ImagePullBackOff
        sim.SetImage("logging", "fluentd", "fluentd", v2);
        sim.RunFor(TimeSpan.FromMinutes(5));
        var stalled = sim.GetRolloutStatus("logging", "fluentd").Message;
        // Waiting for daemon set "fluentd" rollout to finish: 1 out of 10 new pods have been updated...
        var problem = sim.DiagnoseDaemonSet("logging", "fluentd").Single().Reason;   // "ImagePullBackOff"

        var undo = sim.RollbackDaemonSet("logging", "fluentd");        // "daemonset.apps/fluentd rolled back"
        sim.RunUntilSettled();
        var revisions = sim.GetRevisionHistory("logging", "fluentd").Select(r => r.Revision);   // 2, 3: revision 1 came back as 3
        // end-snippet

        stalled.ShouldBe("Waiting for daemon set \"fluentd\" rollout to finish: 1 out of 10 new pods have been updated...");
        problem.ShouldBe("ImagePullBackOff");
        undo.ShouldBe("daemonset.apps/fluentd rolled back");
        revisions.ShouldBe([2L, 3L]);
        sim.State.Pods.Values.ShouldAllBe(p => p.Spec.Containers[0].Image == V1 && p.Status.Phase == PodPhase.Running);
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberAvailable.ShouldBe(10);
    }

    [Fact]
    public void OnDelete()
    {
        // begin-snippet: rollouts-ondelete
        var v2 = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0";
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd() with
        {
            Spec = Examples.Fluentd().Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } },
        });
        sim.RunUntilSettled();
        sim.SetImage("logging", "fluentd", "fluentd", v2);
        sim.RunUntilSettled();
        var updated = sim.State.GetDaemonSet("logging", "fluentd")!.Status.UpdatedNumberScheduled;   // 0: nothing is replaced

        var old = sim.State.PodsOnNode("worker-2").Single();
        sim.DeletePod("logging", old.Name);                             // you replace pods yourself
        sim.RunUntilSettled();
        var image = sim.State.PodsOnNode("worker-2").Single().Spec.Containers[0].Image;   // ...:v2.6.0
        // end-snippet

        updated.ShouldBe(0);
        image.ShouldBe(v2);
        sim.State.PodsOnNode("worker-1").Single().Spec.Containers[0].Image.ShouldBe(V1);
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.UpdatedNumberScheduled.ShouldBe(1);
    }
}
