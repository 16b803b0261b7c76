using Simulator.Model;

namespace Simulator.Testing.Tests.Builders;

public class NodeBuilderTests
{
    [Fact]
    public void Build_Defaults_WellKnownLabelsAndCapacity()
    {
        var node = NodeBuilder.Named("k8s-worker-1").Build();

        node.Name.ShouldBe("k8s-worker-1");
        node.Labels.ShouldBe(StringMap.Of("kubernetes.io/arch", "amd64", "kubernetes.io/hostname", "k8s-worker-1", "kubernetes.io/os", "linux"));
        node.Status.Capacity.ShouldBe(ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110"));
        node.Spec.Taints.ShouldBeEmpty();
        node.Spec.Unschedulable.ShouldBeFalse();
    }

    [Fact]
    public void Labelled_OverridesAWellKnownLabel_AndDefaultsToAnEmptyValue()
    {
        var node = NodeBuilder.Named("arm-1").Labelled(WellKnownLabels.Arch, "arm64").Labelled("edge").Build();

        node.Labels.GetValueOrDefault("kubernetes.io/arch").ShouldBe("arm64");
        node.Labels.GetValueOrDefault("edge").ShouldBe("");
        node.Labels.GetValueOrDefault("kubernetes.io/hostname").ShouldBe("arm-1");
    }

    [Fact]
    public void WithCapacity_SetsCpuMemoryAndPods()
    {
        NodeBuilder.Named("n").WithCapacity("3500m", "8Gi", 20).Build().Status.Capacity
            .ShouldBe(ResourceList.Of("cpu", "3500m", "memory", "8Gi", "pods", "20"));
    }

    [Theory]
    [InlineData("same key and effect: the new value replaces the old", "gpu=true:NoSchedule", new[] { "gpu=true:NoSchedule" })]
    [InlineData("same key, other effect: both stay", "gpu=true:NoExecute", new[] { "gpu=false:NoSchedule", "gpu=true:NoExecute" })]
    [InlineData("other key, same effect: both stay", "app=x:NoSchedule", new[] { "gpu=false:NoSchedule", "app=x:NoSchedule" })]
    [InlineData("same key and effect, no value: replaces", "gpu:NoSchedule", new[] { "gpu:NoSchedule" })]
    public void Tainted_OnANodeTaintedGpuFalseNoSchedule(string description, string second, string[] expected)
    {
        var node = NodeBuilder.Named("n").Tainted("gpu=false:NoSchedule").Tainted(second);

        node.Build().Spec.Taints.Select(t => t.ToString()).ShouldBe(expected, description);
    }

    [Fact]
    public void Tainted_ThreeForms_GiveTheSameTaint()
    {
        var expected = new Taint("dedicated", "infra", TaintEffect.NoSchedule);

        NodeBuilder.Named("n").Tainted("dedicated=infra:NoSchedule").Taints.ShouldBe([expected]);
        NodeBuilder.Named("n").Tainted("dedicated", "infra", TaintEffect.NoSchedule).Taints.ShouldBe([expected]);
        NodeBuilder.Named("n").Tainted(expected).Taints.ShouldBe([expected]);
        NodeBuilder.Named("n").Tainted("maintenance:NoExecute").Taints.ShouldBe([new Taint("maintenance", "", TaintEffect.NoExecute)]);
    }

    [Fact]
    public void Tainted_NotATaint_Throws()
    {
        Should.Throw<FormatException>(() => NodeBuilder.Named("n").Tainted("no-effect"));
    }

    [Fact]
    public void Cordoned_SetsUnschedulable()
    {
        NodeBuilder.Named("n").Cordoned().Build().Spec.Unschedulable.ShouldBeTrue();
    }

    [Fact]
    public void Named_Empty_Throws()
    {
        Should.Throw<ArgumentException>(() => NodeBuilder.Named(""));
    }

    [Fact]
    public void Derive_SharedBuilderIsUnchanged()
    {
        var shared = NodeBuilder.Named("n").Labelled("a", "1").Tainted("x=y:NoSchedule");

        var derived = shared.Labelled("a", "2").Labelled("b", "3").Tainted("x=z:NoSchedule").WithCapacity("1", "1Gi", 5).Cordoned();

        shared.Build().Labels.GetValueOrDefault("a").ShouldBe("1");
        shared.Labels.Count.ShouldBe(1);
        shared.Taints.ShouldBe([new Taint("x", "y", TaintEffect.NoSchedule)]);
        shared.Cpu.ShouldBe("4");
        shared.Unschedulable.ShouldBeFalse();
        derived.Build().Labels.GetValueOrDefault("a").ShouldBe("2");
    }

    [Fact]
    public void ImplicitConversion_IsBuild()
    {
        Node node = NodeBuilder.Named("n").Labelled("a", "1");

        node.ShouldBe(NodeBuilder.Named("n").Labelled("a", "1").Build());
    }
}
