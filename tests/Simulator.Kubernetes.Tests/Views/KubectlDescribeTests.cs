using Simulator.Kubernetes.Views;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Views;

public class KubectlDescribeTests
{
    [Fact]
    public void Node_Settled_PrintsConditionsCapacityPodsAllocatedAndEvents()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.RunFor(TimeSpan.FromMinutes(5));
        KubectlDescribe.Node(sim, sim.State.Nodes["w1"]).ShouldBe(Golden.DescribeNode);
    }

    [Fact]
    public void Pod_Running_PrintsContainersConditionsVolumesTolerationsAndEvents()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.RunFor(TimeSpan.FromMinutes(5));
        KubectlDescribe.Pod(sim, sim.State.Pods.Values.First()).ShouldBe(Golden.DescribePod);
    }

    [Fact]
    public void DaemonSet_Settled_PrintsCountersPodsStatusTemplateAndEvents()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.RunFor(TimeSpan.FromMinutes(5));
        KubectlDescribe.DaemonSet(sim, sim.State.GetDaemonSet("logging", "fluentd")!).ShouldBe(Golden.DescribeDaemonSet);
    }

    [Fact]
    public void Node_TaintedAndCordoned_ListsTaintsSortedByEffectThenKey()
    {
        var sim = ViewFixtures.FluentdCluster();
        sim.TaintNode("w2", new Taint("zone", "a", TaintEffect.NoSchedule));
        sim.TaintNode("w2", new Taint("app", "fluentd-logging", TaintEffect.NoExecute));
        var text = KubectlDescribe.Node(sim, sim.State.Nodes["w2"]);
        text.ShouldContain(
            "Taints:             app=fluentd-logging:NoExecute\n" +
            "                    zone=a:NoSchedule\n" +
            "Unschedulable:      false\n");
    }

    [Fact]
    public void Pod_RepeatedEvent_ShowsCountAndSpan()
    {
        var sim = ViewFixtures.FluentdCluster();
        var pod = sim.State.Pods.Values.First();
        sim.CrashPod(pod.Namespace, pod.Name);
        sim.RunFor(TimeSpan.FromMinutes(10));
        var text = KubectlDescribe.Pod(sim, sim.State.GetPod(pod.Namespace, pod.Name)!);
        text.ShouldMatch(@"Warning\s+BackOff\s+\S+ \(x\d+ over \S+\)\s+kubelet\s+Back-off restarting failed container");
    }

    [Theory]
    [InlineData("no requests or limits", null, null, "BestEffort")]
    [InlineData("requests only", "100m", null, "Burstable")]
    [InlineData("limits only: requests default to them", null, "100m", "Guaranteed")]
    public void QosClass_Table(string description, string? request, string? limit, string expected)
    {
        _ = description;
        var requests = request is null ? ResourceList.Empty : ResourceList.Of("cpu", request, "memory", "1Gi");
        var limits = limit is null ? ResourceList.Empty : ResourceList.Of("cpu", limit, "memory", "1Gi");
        var spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "c", Resources = new ResourceRequirements { Requests = requests, Limits = limits } }) };
        KubectlDescribe.QosClass(spec).ShouldBe(expected);
    }
}
