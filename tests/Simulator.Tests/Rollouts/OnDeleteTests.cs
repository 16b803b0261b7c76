using Simulator.Model;
using Simulator.Tests.Controllers;
using Simulator.Validation;

namespace Simulator.Tests.Rollouts;

// updateStrategy OnDelete (§13.6): the rolling pass never runs; only pods someone deletes come back with the new template.
public class OnDeleteTests
{
    [Fact]
    public void UpdateDaemonSet_OnDeleteTemplateChange_ReplacesNothing()
    {
        var sim = RolloutKit.Running(3, RolloutKit.OnDelete());
        var before = sim.UidsByNode();

        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.UidsByNode().ShouldBe(before);
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V1 && !p.IsTerminating);
        var status = sim.State.GetDaemonSet("default", "ds")!.Status;
        status.UpdatedNumberScheduled.ShouldBe(0);
        status.NumberAvailable.ShouldBe(3);
        sim.RevisionNumbers().ShouldBe([1, 2]);
    }

    [Fact]
    public void DeletePod_OnDeleteAfterTemplateChange_ReplacementRunsTheNewTemplate()
    {
        var sim = RolloutKit.Running(3, RolloutKit.OnDelete());
        var before = sim.UidsByNode();
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();
        var victim = sim.LivePods("ds")["node-2"];

        sim.DeletePod("default", victim.Name);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var live = sim.LivePods("ds");
        live["node-2"].Image().ShouldBe(RolloutKit.V2);
        live["node-2"].RevisionHash().ShouldBe(sim.GetRevisionHistory("default", "ds")[^1].Hash);
        live["node-1"].Metadata.Uid.ShouldBe(before["node-1"]);
        live["node-3"].Metadata.Uid.ShouldBe(before["node-3"]);
        live["node-1"].Image().ShouldBe(RolloutKit.V1);
        sim.State.GetDaemonSet("default", "ds")!.Status.UpdatedNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void CreateNode_OnDeleteAfterTemplateChange_NewNodeGetsTheNewTemplate()
    {
        var sim = RolloutKit.Running(2, RolloutKit.OnDelete());
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();

        sim.CreateNode(Support.Fixtures.Node("node-3"));
        sim.RunUntilSettled();

        var live = sim.LivePods("ds");
        live["node-3"].Image().ShouldBe(RolloutKit.V2);
        live["node-1"].Image().ShouldBe(RolloutKit.V1);
    }

    [Fact]
    public void GetRolloutStatus_OnDelete_FailsWithKubectlsError()
    {
        var sim = RolloutKit.Running(1, RolloutKit.OnDelete());

        var error = Should.Throw<ApiException>(() => sim.GetRolloutStatus("default", "ds"));

        error.Message.ShouldBe("rollout status is only available for RollingUpdate strategy type");
    }
}
