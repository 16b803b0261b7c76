using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// Taint-based eviction (the taint eviction controller): untolerated NoExecute evicts at once, tolerationSeconds delays it,
// a toleration without seconds keeps the pod forever, NoSchedule never evicts; DS pods are recreated (create/evict loop).
public class TaintEvictionTests
{
    private static Pod Web(params Toleration[] tolerations) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container()), Tolerations = EquatableArray.Create(tolerations) },
    };

    private static Simulation WithWeb(params Toleration[] tolerations)
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(Web(tolerations));
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));
        return sim;
    }

    private static bool Gone(Simulation sim) => sim.State.GetPod("default", "web") is not { IsTerminating: false };

    [Fact]
    public void TaintNode_UntoleratedNoExecute_EvictedAtOnce()
    {
        var sim = WithWeb();

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromMilliseconds(1));

        Gone(sim).ShouldBeTrue();
        sim.EventsWith("TaintManagerEviction").ShouldContain(e => e.InvolvedObject.Name == "web" && e.Source == EventSources.TaintEvictionController);
    }

    [Fact]
    public void TaintNode_ToleratedFor60Seconds_EvictedAfter60()
    {
        var sim = WithWeb(new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute, 60));

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(59));
        Gone(sim).ShouldBeFalse();

        sim.RunFor(TimeSpan.FromSeconds(2));
        Gone(sim).ShouldBeTrue();
    }

    [Fact]
    public void TaintNode_ToleratedForever_Stays()
    {
        var sim = WithWeb(new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute));

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromHours(1));

        Gone(sim).ShouldBeFalse();
    }

    [Fact]
    public void TaintNode_NoSchedule_NeverEvicts()
    {
        var sim = WithWeb();

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoSchedule));
        sim.RunFor(TimeSpan.FromHours(1));

        Gone(sim).ShouldBeFalse();
    }

    [Fact]
    public void RemoveTaint_BeforeTolerationExpires_PodStays()
    {
        var sim = WithWeb(new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute, 60));
        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(30));

        sim.RemoveTaint("node-1", "maintenance");
        sim.RunFor(TimeSpan.FromMinutes(5));

        Gone(sim).ShouldBeFalse();
    }

    [Fact]
    public void TaintNode_DaemonPodToleratesForLimitedSeconds_EvictedThenRecreatedAtOnce()
    {
        var toleration = new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute, 30);
        var sim = Settled(1, Fixtures.DaemonSet("ds", s => s with { Tolerations = EquatableArray.Create(toleration) }));
        var first = sim.LivePods("ds")["node-1"];

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(29));
        sim.LivePods("ds")["node-1"].Name.ShouldBe(first.Name);

        sim.RunFor(TimeSpan.FromSeconds(2));

        sim.EventsWith("TaintManagerEviction").ShouldContain(e => e.InvolvedObject.Name == first.Name);
        (sim.State.GetPod("default", first.Name) is not { IsTerminating: false }).ShouldBeTrue();
    }

    [Fact]
    public void TaintNode_DaemonPodEvictedByTolerationSeconds_ReplacementAppearsWhenOldOneIsGone()
    {
        var toleration = new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute, 30);
        var sim = Settled(1, Fixtures.DaemonSet("ds", s => s with { Tolerations = EquatableArray.Create(toleration) }));
        var first = sim.LivePods("ds")["node-1"];

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(31 + 31));

        sim.LivePods("ds").ShouldContainKey("node-1");
        sim.LivePods("ds")["node-1"].Name.ShouldNotBe(first.Name);
    }
}
