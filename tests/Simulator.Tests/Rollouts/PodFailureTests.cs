using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Controllers;
using Simulator.Tests.Support;

namespace Simulator.Tests.Rollouts;

// Failure modes a rollout meets: crashing containers (kubelet CrashLoopBackOff, 10 s doubling to 5 min), unpullable images
// (ErrImagePull / ImagePullBackOff with back-off), failed pods (the controller's FailedDaemonPod delete with 1 s doubling
// back-off, TestDaemonKillFailedPodsBackoff), and a bad image stalling a RollingUpdate at maxUnavailable.
public class PodFailureTests
{
    private static readonly TimeSpan[] CrashLoopDelays = Seconds(0, 10, 20, 40, 80, 160, 300, 300);

    private static TimeSpan[] Seconds(params int[] values) => values.Select(s => TimeSpan.FromSeconds(s)).ToArray();

    [Fact]
    public void CrashPod_Repeatedly_RestartsAfterDoublingBackOffCappedAtFiveMinutes()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        var pod = sim.Pods()[0];
        var crashedAt = sim.Now;
        var delays = new List<TimeSpan>();
        var restarts = 0;
        SimTime? exitedAt = null;
        var readyWhileCrashing = false;

        sim.CrashPod("default", pod.Name);
        sim.StepUntil(
            () => delays.Count == CrashLoopDelays.Length,
            () =>
            {
                var current = sim.State.GetPod("default", pod.Name)!;
                var container = current.Status.ContainerStatuses[0];
                if (container.State.WaitingReason == "CrashLoopBackOff" && exitedAt is null)
                {
                    exitedAt = sim.Now;
                }

                if (container.RestartCount > restarts)
                {
                    delays.Add(sim.Now - (exitedAt ?? crashedAt));
                    restarts = container.RestartCount;
                    exitedAt = null;
                }

                current.Status.Phase.ShouldBe(PodPhase.Running);
                readyWhileCrashing |= current.IsReady;
            },
            TimeSpan.FromHours(1));

        delays.ShouldBe(CrashLoopDelays);
        readyWhileCrashing.ShouldBeFalse();
        var backOff = sim.Events.Single(e => e.Reason == "BackOff" && e.InvolvedObject.Name == pod.Name);
        backOff.Type.ShouldBe(EventType.Warning);
        backOff.Message.ShouldBe($"Back-off restarting failed container app in pod {pod.Name}_default({pod.Metadata.Uid})");
        backOff.Count.ShouldBe(CrashLoopDelays.Length - 1);
        sim.StatusOf("ds").NumberReady.ShouldBe(0);
        sim.StatusOf("ds").NumberUnavailable.ShouldBe(1);
    }

    [Fact]
    public void HealPod_InCrashLoop_NextRestartStaysUpAndTheSamePodTurnsReady()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        var pod = sim.Pods()[0];
        sim.CrashPod("default", pod.Name);
        sim.RunFor(TimeSpan.FromMinutes(2));
        var restarts = sim.State.GetPod("default", pod.Name)!.Restarts();

        sim.HealPod("default", pod.Name);
        sim.RunFor(TimeSpan.FromMinutes(6));

        var healed = sim.State.GetPod("default", pod.Name)!;
        healed.Metadata.Uid.ShouldBe(pod.Metadata.Uid);
        healed.IsReady.ShouldBeTrue();
        healed.Restarts().ShouldBe(restarts + 1);
        healed.Status.ContainerStatuses[0].State.RunningSince.ShouldNotBeNull();
        sim.StatusOf("ds").NumberAvailable.ShouldBe(1);
        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();
    }

    [Fact]
    public void FailImage_NewPod_ErrImagePullThenImagePullBackOffRetriedWithDoublingDelays()
    {
        var sim = Fixtures.Cluster(1);
        sim.FailImage(RolloutKit.V2);
        sim.CreateDaemonSet(RolloutKit.Rolling().WithImage(RolloutKit.V2));
        var reasons = new List<string>();
        var attempts = new List<SimTime>();

        sim.StepUntil(
            () => attempts.Count == 5,
            () =>
            {
                if (sim.Pods() is [var pod, ..])
                {
                    var reason = pod.Status.ContainerStatuses.Count > 0 ? pod.Status.ContainerStatuses[0].State.WaitingReason : null;
                    if (reason is not null && (reasons.Count == 0 || reasons[^1] != reason))
                    {
                        reasons.Add(reason);
                    }

                    pod.Status.Phase.ShouldBe(PodPhase.Pending);
                    pod.IsReady.ShouldBeFalse();
                    var pulls = sim.Events.SingleOrDefault(e => e.Reason == "Pulling" && e.InvolvedObject.Uid == pod.Metadata.Uid)?.Count ?? 0;
                    if (pulls > attempts.Count)
                    {
                        attempts.Add(sim.Now);
                    }
                }
            });

        reasons.Take(2).ShouldBe(["ErrImagePull", "ImagePullBackOff"]);
        attempts.Zip(attempts.Skip(1), (a, b) => b - a).ShouldBe(Seconds(10, 20, 40, 80));
        var podName = sim.Pods()[0].Name;
        sim.Events.ShouldContain(e => e.InvolvedObject.Name == podName && e.Type == EventType.Warning && e.Reason == "Failed" && e.Message == "Error: ErrImagePull");
        sim.Events.ShouldContain(e => e.InvolvedObject.Name == podName && e.Type == EventType.Warning && e.Reason == "Failed" && e.Message == "Error: ImagePullBackOff");
        sim.Events.ShouldContain(e => e.InvolvedObject.Name == podName && e.Reason == "BackOff" && e.Message == $"Back-off pulling image \"{RolloutKit.V2}\"");
    }

    [Fact]
    public void HealImage_WhilePullBackingOff_PodStartsAtTheNextAttempt()
    {
        var sim = Fixtures.Cluster(1);
        sim.FailImage(RolloutKit.V2);
        sim.CreateDaemonSet(RolloutKit.Rolling().WithImage(RolloutKit.V2));
        sim.RunFor(TimeSpan.FromSeconds(20));
        var pod = sim.Pods().ShouldHaveSingleItem();
        pod.IsReady.ShouldBeFalse();

        sim.HealImage(RolloutKit.V2);
        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();

        var started = sim.Pods().ShouldHaveSingleItem();
        started.Metadata.Uid.ShouldBe(pod.Metadata.Uid);
        started.Status.Phase.ShouldBe(PodPhase.Running);
        started.IsReady.ShouldBeTrue();
        sim.GetRolloutStatus("default", "ds").Done.ShouldBeTrue();
    }

    [Fact]
    public void FailPod_RepeatedlyOnOneNode_DeletedAndReplacedWithDoublingBackOff()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        var start = sim.Now;
        var deletedAt = new List<TimeSpan>();
        var names = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            var pod = sim.LivePods("ds")["node-1"];
            names.Add(pod.Name);
            sim.FailPod("default", pod.Name);
            sim.StepUntil(() => sim.State.GetPod("default", pod.Name) is null, () => { });
            deletedAt.Add(sim.Now - start);
            sim.LivePods("ds").ContainsKey("node-1").ShouldBeTrue("the replacement is created in the sync that sees the node empty");
        }

        deletedAt.ShouldBe(Seconds(0, 1, 3, 7));
        var failedEvents = sim.EventsWith("FailedDaemonPod").ToList();
        failedEvents.Select(e => e.Message).ShouldBe(names.Select(n => $"Found failed daemon pod default/{n} on node node-1, will try to kill it"));
        failedEvents.ShouldAllBe(e => e.Type == EventType.Warning);
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        sim.LivePods("ds")["node-1"].IsReady.ShouldBeTrue();
    }

    [Fact]
    public void RollingUpdate_BadImage_StallsAtMaxUnavailableAndRollbackRecovers()
    {
        var sim = RolloutKit.Running(5, RolloutKit.Rolling(2, 0));
        const string bad = "busybox:typo";
        sim.FailImage(bad);
        var good = sim.UidsByNode();

        sim.SetImage(bad);
        sim.RunFor(TimeSpan.FromMinutes(15));

        var pods = sim.Pods();
        pods.Count(p => p.Image() == bad).ShouldBe(2);
        pods.Where(p => p.Image() == bad).ShouldAllBe(p => !p.IsReady && p.Status.ContainerStatuses[0].State.WaitingReason == "ImagePullBackOff");
        pods.Count(p => p.Image() == RolloutKit.V1 && p.IsReady).ShouldBe(3);
        sim.StatusOf("ds").NumberUnavailable.ShouldBe(2);
        sim.GetRolloutStatus("default", "ds").Message.ShouldBe("Waiting for daemon set \"ds\" rollout to finish: 2 out of 5 new pods have been updated...");
        sim.GetRollouts("default", "ds").Rollouts[^1].Completed.ShouldBeNull();

        sim.RollbackDaemonSet("default", "ds");
        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();

        var recovered = sim.LivePods("ds");
        recovered.Values.ShouldAllBe(p => p.Image() == RolloutKit.V1 && p.IsReady);
        recovered.Count(kv => kv.Value.Metadata.Uid == good[kv.Key]).ShouldBe(3);
        sim.GetRolloutStatus("default", "ds").Done.ShouldBeTrue();
        sim.GetRollouts("default", "ds").Rollouts[^1].Completed.ShouldNotBeNull();
    }
}
