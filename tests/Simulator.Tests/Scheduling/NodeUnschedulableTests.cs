using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Scheduling.Rules;
using static Simulator.Tests.Scheduling.SchedulingFixtures;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/nodeunschedulable node_unschedulable_test.go.
public class NodeUnschedulableTests
{
    private static readonly NodeUnschedulable Rule = new();

    private static NodeInfo Node(bool cordoned) => Info(SchedulingFixtures.Node("n", "pods", "10") with { Spec = new NodeSpec { Unschedulable = cordoned } });

    [Theory]
    [InlineData("a schedulable node admits any pod", false, "", "", "", true)]
    [InlineData("a cordoned node rejects a pod without tolerations", true, "", "", "", false)]
    [InlineData("Exists for unschedulable:NoSchedule", true, "node.kubernetes.io/unschedulable", "Exists", "NoSchedule", true)]
    [InlineData("Exists for unschedulable with every effect", true, "node.kubernetes.io/unschedulable", "Exists", "", true)]
    [InlineData("tolerate-everything", true, "", "Exists", "", true)]
    [InlineData("the wrong effect", true, "node.kubernetes.io/unschedulable", "Exists", "NoExecute", false)]
    [InlineData("Equal with an empty value matches the implied empty-valued taint", true, "node.kubernetes.io/unschedulable", "Equal", "NoSchedule", true)]
    [InlineData("another key", true, "node.kubernetes.io/not-ready", "Exists", "NoSchedule", false)]
    public void Filter_Table_RejectsCordonedUnlessTolerated(string description, bool cordoned, string key, string op, string effect, bool passes)
    {
        var pod = op.Length == 0 ? Pod("p") : Pod("p").WithTolerations(new Toleration(key, op, "", effect));

        var result = Rule.Filter(Context(pod), Node(cordoned));

        result.IsSuccess.ShouldBe(passes, description);
        if (!passes)
        {
            result.Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
            result.Reasons.ToArray().ShouldBe(["node(s) were unschedulable"]);
        }
    }
}
