using Simulator.Kubernetes.Views;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes.Tests.Views;

public class KubectlRolloutTests
{
    [Fact]
    public void Status_Settled_SuccessfullyRolledOut()
    {
        var sim = ViewFixtures.FluentdCluster();
        KubectlRollout.Status(sim, sim.State.GetDaemonSet("logging", "fluentd")!).ShouldBe(Golden.RolloutStatus);
    }

    [Fact]
    public void Status_RightAfterImageChange_WaitsForTheSpecUpdate()
    {
        var sim = ViewFixtures.FluentdCluster();
        var ds = sim.SetImage("logging", "fluentd", "fluentd-elasticsearch", "fluentd:v3");
        KubectlRollout.Status(sim, ds).ShouldBe("Waiting for daemon set spec update to be observed...\n");
    }

    [Fact]
    public void History_OneRevision_PrintsTheTable()
    {
        var sim = ViewFixtures.FluentdCluster();
        KubectlRollout.History(sim, sim.State.GetDaemonSet("logging", "fluentd")!).ShouldBe(Golden.RolloutHistory);
    }

    [Fact]
    public void History_TwoRevisions_ShowsChangeCause()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.UpdateDaemonSet("logging", "fluentd", d => d with
        {
            Metadata = d.Metadata with { Annotations = d.Metadata.Annotations.With("kubernetes.io/change-cause", "kubectl set image ds/fluentd fluentd-elasticsearch=fluentd:v3") },
            Spec = d.Spec with { Template = d.Spec.Template with { Spec = d.Spec.Template.Spec with { Containers = EquatableArray.Create(d.Spec.Template.Spec.Containers[0] with { Image = "fluentd:v3" }) } } },
        });
        sim.RunUntilSettled();
        KubectlRollout.History(sim, sim.State.GetDaemonSet("logging", "fluentd")!).ShouldBe(
            "daemonset.apps/fluentd \n" +
            "REVISION  CHANGE-CAUSE\n" +
            "1         <none>\n" +
            "2         kubectl set image ds/fluentd fluentd-elasticsearch=fluentd:v3\n" +
            "\n");
    }

    [Fact]
    public void HistoryRevision_Existing_PrintsTheTemplateWithRawTabs()
    {
        var sim = ViewFixtures.FluentdCluster();
        KubectlRollout.HistoryRevision(sim, sim.State.GetDaemonSet("logging", "fluentd")!, 1).ShouldBe(Golden.RolloutHistoryRevision);
    }

    [Fact]
    public void HistoryRevision_Unknown_Throws()
    {
        var sim = ViewFixtures.FluentdCluster();
        var ex = Should.Throw<ApiException>(() => KubectlRollout.HistoryRevision(sim, sim.State.GetDaemonSet("logging", "fluentd")!, 7));
        ex.Message.ShouldContain("unable to find the specified revision");
    }
}
