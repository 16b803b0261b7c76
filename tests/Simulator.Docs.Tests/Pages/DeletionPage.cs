using Simulator.Engine;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/deletion.md.</summary>
public class DeletionPage
{
    private static Simulation Running()
    {
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());
        sim.RunUntilSettled();
        return sim;
    }

    [Fact]
    public void Background()
    {
        var sim = Running();
        // begin-snippet: deletion-background
        sim.DeleteDaemonSet("logging", "fluentd");                      // kubectl delete ds fluentd (--cascade=background)
        var dsGone = sim.State.GetDaemonSet("logging", "fluentd") is null;   // true at once
        var terminating = sim.State.Pods.Values.Count(p => p.IsTerminating);  // 3: each pod gets its 30 s grace period
        sim.RunUntilSettled();
        var pods = sim.State.Pods.Count;                                 // 0
        // end-snippet

        dsGone.ShouldBeTrue();
        terminating.ShouldBe(3);
        pods.ShouldBe(0);
        sim.State.ControllerRevisions.ShouldBeEmpty();
    }

    [Fact]
    public void Foreground()
    {
        var sim = Running();
        // begin-snippet: deletion-foreground
        sim.DeleteDaemonSet("logging", "fluentd", DeletionPropagation.Foreground);
        var marked = sim.State.GetDaemonSet("logging", "fluentd")!.Metadata.DeletionTimestamp;   // set: the owner waits for its pods
        sim.RunFor(TimeSpan.FromSeconds(29));
        var stillThere = sim.State.GetDaemonSet("logging", "fluentd") is not null;             // true: pods are still terminating
        sim.RunUntilSettled();
        var gone = sim.State.GetDaemonSet("logging", "fluentd") is null;                       // true once the last pod is gone
        // end-snippet

        marked.ShouldNotBeNull();
        stillThere.ShouldBeTrue();
        gone.ShouldBeTrue();
        sim.State.Pods.ShouldBeEmpty();
    }

    [Fact]
    public void OrphanAndAdopt()
    {
        var sim = Running();
        // begin-snippet: deletion-orphan
        var before = sim.State.Pods.Keys.ToList();
        sim.DeleteDaemonSet("logging", "fluentd", DeletionPropagation.Orphan);   // kubectl delete ds fluentd --cascade=orphan
        sim.RunUntilSettled();
        var orphans = sim.State.Pods.Values.Count(p => p.Metadata.OwnerReferences.IsEmpty);   // 3, still running

        sim.CreateDaemonSet(Examples.Fluentd());                         // same selector, same template
        sim.RunUntilSettled();
        var kept = sim.State.Pods.Keys.SequenceEqual(before);           // true: adopted, nothing restarted
        // end-snippet

        orphans.ShouldBe(3);
        kept.ShouldBeTrue();
        var uid = sim.State.GetDaemonSet("logging", "fluentd")!.Metadata.Uid;
        sim.State.Pods.Values.ShouldAllBe(p => p.Metadata.ControllerRef != null && p.Metadata.ControllerRef.Uid == uid);
    }
}
