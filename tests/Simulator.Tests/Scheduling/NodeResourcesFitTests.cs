using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Scheduling.Rules;
using static Simulator.Tests.Scheduling.SchedulingFixtures;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/noderesources fit.go (fitsRequest, Filter) and fit_test.go.
public class NodeResourcesFitTests
{
    private static readonly NodeResourcesFit Rule = new();

    private static FilterResult Filter(Pod pod, NodeInfo node) => Rule.Filter(Context(pod), node);

    [Theory]
    [InlineData("fits with room to spare", "1", "1Gi", "3", "8Gi", "")]
    [InlineData("equality fits", "2", "4Gi", "2", "4Gi", "")]
    [InlineData("one millicore too many", "2001m", "1Gi", "2", "4Gi", "Insufficient cpu")]
    [InlineData("one byte too many", "1", "4294967297", "2", "4Gi", "Insufficient memory")]
    [InlineData("both too big lists both, cpu first", "3", "5Gi", "2", "4Gi", "Insufficient cpu|Insufficient memory")]
    public void Filter_EmptyNode_ComparesRequestsWithAllocatable(string description, string cpu, string memory, string nodeCpu, string nodeMemory, string reasons)
    {
        var node = Info(Node("n", "cpu", nodeCpu, "memory", nodeMemory, "pods", "10"));

        var result = Filter(Pod("p", "cpu", cpu, "memory", memory), node);

        result.Reasons.ToArray().ShouldBe(reasons.Length == 0 ? [] : reasons.Split('|'), description);
    }

    [Fact]
    public void Filter_UsedByBoundPods_SubtractsTheirRequests()
    {
        var node = Node("n", "cpu", "4", "memory", "8Gi", "pods", "10");
        var info = Info(node, Pod("a", "cpu", "3", "memory", "1Gi"));

        Filter(Pod("p", "cpu", "1", "memory", "1Gi"), info).IsSuccess.ShouldBeTrue();
        var result = Filter(Pod("p", "cpu", "1001m", "memory", "1Gi"), info);
        result.Code.ShouldBe(FilterCode.Unschedulable);
        result.Reasons.ToArray().ShouldBe(["Insufficient cpu"]);
    }

    [Theory]
    [InlineData("Succeeded", true)]
    [InlineData("Failed", true)]
    [InlineData("Running", false)]
    [InlineData("Pending", false)]
    public void Filter_BoundPodPhase_TerminalPodsFreeTheirResources(string phase, bool fits)
    {
        var node = Node("n", "cpu", "2", "memory", "8Gi", "pods", "1");
        var info = Info(node, Pod("done", "cpu", "2").BoundTo("n", phase));

        Filter(Pod("p", "cpu", "2"), info).IsSuccess.ShouldBe(fits, phase);
    }

    [Fact]
    public void Filter_NodeWithoutAllocatablePods_FitsNothing()
    {
        var node = Info(Node("n", "cpu", "4", "memory", "8Gi"));

        var result = Filter(Pod("p"), node);

        result.IsSuccess.ShouldBeFalse();
        result.Reasons.ToArray().ShouldBe([NodeResourcesFit.TooManyPods]);
    }

    [Fact]
    public void Filter_PodCountReached_TooManyPodsEvenForZeroRequests()
    {
        var node = Node("n", "cpu", "4", "memory", "8Gi", "pods", "2");
        var info = Info(node, Pod("a"), Pod("b"));

        var result = Filter(Pod("p"), info);

        result.Code.ShouldBe(FilterCode.Unschedulable);
        result.Reasons.ToArray().ShouldBe(["Too many pods"]);
    }

    [Fact]
    public void Filter_TooManyPodsAndInsufficientCpu_ListsPodsFirst()
    {
        var node = Node("n", "cpu", "1", "memory", "8Gi", "pods", "1");
        var info = Info(node, Pod("a", "cpu", "1"));

        Filter(Pod("p", "cpu", "1"), info).Reasons.ToArray().ShouldBe(["Too many pods", "Insufficient cpu"]);
    }

    [Fact]
    public void Filter_ZeroRequestsOnFullNode_Fits()
    {
        var node = Node("n", "cpu", "1", "memory", "1Gi", "pods", "10");
        var info = Info(node, Pod("hog", "cpu", "1", "memory", "1Gi"));

        Filter(Pod("best-effort"), info).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("a node without the resource has none", "", "0", false)]
    [InlineData("a node with fewer GPUs", "1", "0", false)]
    [InlineData("a node with exactly enough", "2", "0", true)]
    [InlineData("a node whose GPUs are taken", "2", "1", false)]
    public void Filter_ExtendedResource_CountsLikeAnyOther(string description, string nodeGpus, string usedGpus, bool fits)
    {
        var node = nodeGpus.Length == 0
            ? Node("n", "cpu", "4", "memory", "8Gi", "pods", "10")
            : Node("n", "cpu", "4", "memory", "8Gi", "pods", "10", "nvidia.com/gpu", nodeGpus);
        var info = usedGpus == "0" ? Info(node) : Info(node, Pod("a", "nvidia.com/gpu", usedGpus));

        var result = Filter(Pod("p", "nvidia.com/gpu", "2"), info);

        result.IsSuccess.ShouldBe(fits, description);
        if (!fits)
        {
            result.Reasons.ToArray().ShouldBe(["Insufficient nvidia.com/gpu"], description);
        }
    }

    [Fact]
    public void Filter_SeveralResourcesShort_ListsEveryReason()
    {
        var node = Node("n", "cpu", "1", "memory", "1Gi", "ephemeral-storage", "1Gi", "pods", "10", "example.com/dongle", "1", "nvidia.com/gpu", "1");
        var pod = Pod("p", "cpu", "2", "memory", "2Gi", "ephemeral-storage", "2Gi", "nvidia.com/gpu", "2", "example.com/dongle", "2");

        Filter(pod, Info(node)).Reasons.ToArray().ShouldBe(
            ["Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage", "Insufficient example.com/dongle", "Insufficient nvidia.com/gpu"]);
    }

    [Fact]
    public void Filter_RequestWithinAllocatableButNotFree_PreemptionMightHelp()
    {
        var node = Node("n", "cpu", "2", "memory", "4Gi", "pods", "10");

        Filter(Pod("p", "memory", "3Gi"), Info(node, Pod("a", "memory", "2Gi"))).Code.ShouldBe(FilterCode.Unschedulable);
    }

    [Fact]
    public void Filter_RequestLargerThanAllocatable_Unresolvable()
    {
        // fit.go marks a resource unresolvable when the request exceeds the node's whole allocatable.
        var node = Node("n", "cpu", "2", "memory", "4Gi", "pods", "10");

        var result = Filter(Pod("p", "memory", "5Gi"), Info(node));

        result.Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
        result.Reasons.ToArray().ShouldBe(["Insufficient memory"]);
    }

    [Fact]
    public void Filter_InitContainerMax_UsesEffectiveRequest()
    {
        var node = Node("n", "cpu", "2", "memory", "4Gi", "pods", "10");
        var pod = Pod("p", "cpu", "1") with
        {
            Spec = Pod("p", "cpu", "1").Spec with
            {
                InitContainers = EquatableArray.Create(new Container { Name = "init", Image = "x", Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "2") } }),
            },
        };

        Filter(pod, Info(node)).IsSuccess.ShouldBeTrue();
        Filter(pod, Info(node, Pod("a", "cpu", "1m"))).Reasons.ToArray().ShouldBe(["Insufficient cpu"]);
    }

    [Fact]
    public void Filter_PodOverhead_CountsAgainstTheNode()
    {
        var node = Node("n", "cpu", "1", "memory", "4Gi", "pods", "10");
        var pod = Pod("p", "cpu", "900m");
        pod = pod with { Spec = pod.Spec with { Overhead = ResourceList.Of("cpu", "200m") } };

        Filter(pod, Info(node)).Reasons.ToArray().ShouldBe(["Insufficient cpu"]);
    }
}
