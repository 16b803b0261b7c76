using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Tests.Scheduling;

// Cases follow component-helpers resource/helpers.go (PodRequests and its worked example) and helpers_test.go.
public class PodRequestsTests
{
    private static Container C(string name, string cpu, string memory, string? restartPolicy = null) => new()
    {
        Name = name,
        Image = "busybox",
        RestartPolicy = restartPolicy,
        Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", cpu, "memory", memory) },
    };

    private static PodSpec Spec(Container[] containers, params Container[] init) => new()
    {
        Containers = EquatableArray.Create(containers),
        InitContainers = EquatableArray.Create(init),
    };

    [Fact]
    public void Compute_UpstreamWorkedExample_InitContainersTakeMaxNotSum()
    {
        // helpers.go: init 2cpu/1G and 2cpu/3G, containers 2cpu/1G and 1cpu/1G -> 3 cpu, 3G.
        var spec = Spec([C("c1", "2", "1G"), C("c2", "1", "1G")], C("i1", "2", "1G"), C("i2", "2", "3G"));

        var requests = PodRequests.Compute(spec);

        requests.MilliCpu.ShouldBe(3000);
        requests.Memory.ShouldBe(3_000_000_000);
    }

    [Theory]
    [InlineData("containers only are summed", new[] { "1", "500m" }, new string[0], new string[0], 1500)]
    [InlineData("a big ordinary init container wins", new[] { "1" }, new[] { "4" }, new[] { "" }, 4000)]
    [InlineData("a sidecar adds to the containers", new[] { "1" }, new[] { "1" }, new[] { "Always" }, 2000)]
    [InlineData("two sidecars both add", new[] { "1" }, new[] { "1", "500m" }, new[] { "Always", "Always" }, 2500)]
    [InlineData("an init container after a sidecar runs beside it", new[] { "1" }, new[] { "1", "2" }, new[] { "Always", "" }, 3000)]
    [InlineData("an init container before a sidecar does not add it", new[] { "1" }, new[] { "2", "1" }, new[] { "", "Always" }, 2000)]
    [InlineData("ordinary init containers never add up", new[] { "100m" }, new[] { "1", "1", "1" }, new[] { "", "", "" }, 1000)]
    public void Compute_InitAndSidecars_CpuFollowsKubernetes(string description, string[] containers, string[] init, string[] policies, long expectedMilliCpu)
    {
        var spec = Spec(
            containers.Select((cpu, i) => C($"c{i}", cpu, "1Mi")).ToArray(),
            init.Select((cpu, i) => C($"i{i}", cpu, "1Mi", policies[i].Length == 0 ? null : policies[i])).ToArray());

        PodRequests.Compute(spec).MilliCpu.ShouldBe(expectedMilliCpu, description);
    }

    [Fact]
    public void Compute_WithOverhead_AddsOverheadOnTop()
    {
        var spec = Spec([C("c", "1", "1Gi")], C("i", "2", "2Gi")) with { Overhead = ResourceList.Of("cpu", "250m", "memory", "120Mi") };

        var requests = PodRequests.Compute(spec);

        requests.MilliCpu.ShouldBe(2250);
        requests.Memory.ShouldBe((2048L + 120) * 1024 * 1024);
    }

    [Fact]
    public void Compute_ExtendedResources_SummedByName()
    {
        var gpu = new Container { Name = "a", Image = "x", Resources = new ResourceRequirements { Requests = ResourceList.Of("nvidia.com/gpu", "1") } };
        var spec = new PodSpec { Containers = EquatableArray.Create(gpu, gpu with { Name = "b" }) };

        PodRequests.Compute(spec).Scalar("nvidia.com/gpu").ShouldBe(2);
    }

    [Fact]
    public void Compute_LimitsOnly_RequestNothing()
    {
        // The filter reads requests only; API defaulting (not this function) copies limits into missing requests.
        var container = new Container { Name = "a", Image = "x", Resources = new ResourceRequirements { Limits = ResourceList.Of("cpu", "2", "memory", "1Gi") } };

        var requests = PodRequests.Compute(new PodSpec { Containers = EquatableArray.Create(container) });

        requests.MilliCpu.ShouldBe(0);
        requests.Memory.ShouldBe(0);
    }

    [Fact]
    public void ComputeNonZero_MissingCpuAndMemory_Uses100mAnd200Mi()
    {
        var spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "a", Image = "x" }, C("b", "1", "1Gi")) };

        var requests = PodRequests.ComputeNonZero(spec);

        requests.MilliCpu.ShouldBe(1100);
        requests.Memory.ShouldBe((1024L + 200) * 1024 * 1024);
        PodRequests.Compute(spec).MilliCpu.ShouldBe(1000);
    }
}
